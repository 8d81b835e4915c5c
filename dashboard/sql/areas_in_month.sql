-- Which of the chosen areas have data in the month: a choice of several may include one without.
with final as (
    select distinct ccg_code
    from chosen_practices_in_month($areas, $month)
)

select * from final
order by ccg_code
