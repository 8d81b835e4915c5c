-- A participation file replaces the stored rows of the (month, CCG) pairs it holds.
delete from participation as p
using covered as c
where p.snapshot_date = c.snapshot_date::date and p.ccg_code = c.ccg_code
