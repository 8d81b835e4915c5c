-- A milestones file replaces the register of the CCGs it holds.
delete from milestone_register
where list_contains($ccgs, ccg_code)
