-- Which of the given areas already have a stored snapshot of the given month.
select coalesce(list(distinct ccg_code order by ccg_code), []) as areas
from participation
where snapshot_date = $month::date and list_contains($areas, ccg_code)
