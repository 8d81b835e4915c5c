-- A participation file replaces the stored rows of the (month, CCG) pairs it holds.
delete from participation as p
using (select distinct snapshot_date::date as snapshot_date, ccg_code from incoming) as c
where p.snapshot_date = c.snapshot_date and p.ccg_code = c.ccg_code
