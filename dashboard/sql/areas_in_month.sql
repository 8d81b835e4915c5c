-- Which of the chosen areas have data in the month: a choice of several may include one without.
-- An area that closed has its practices in the month's figures when the area that took them
-- (closed_areas.today_code) has data that month: it is counted as having data, never warned about.
with with_data as (
    select distinct ccg_code
    from chosen_practices_in_month($areas, $month)
),

counted_elsewhere as (
    select closed_areas.ccg_code
    from closed_areas
    where list_contains($areas, closed_areas.ccg_code)
        and exists (
            select 1 from practice_months
            where practice_months.month = $month and practice_months.ccg_code = closed_areas.today_code
        )
),

final as (
    select ccg_code from with_data
    union
    select ccg_code from counted_elsewhere
)

select * from final
order by ccg_code
