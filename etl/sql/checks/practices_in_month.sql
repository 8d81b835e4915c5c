-- The practices an incoming return lists under one area in one month ($month: its first day):
-- where to find the rows of a month the register says is far short.
select practice_code
from incoming
where snapshot_date::date = $month and ccg_code = $ccg_code
order by practice_code
