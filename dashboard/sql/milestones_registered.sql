-- How many milestones the register holds.
select count(*) as milestones from milestones
