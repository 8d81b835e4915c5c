-- Which of the chosen areas have data in the month: a choice of several may include one without.
with final as (
    select distinct ccg_code
    from practice_months
    where list_contains($areas, ccg_code) and month = $month
)

select * from final
order by ccg_code
