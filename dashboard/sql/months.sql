-- The months with data for the chosen areas, newest first, for the month filter.
with final as (
    select distinct month
    from practice_months
    where list_contains($areas, ccg_code)
)

select * from final
order by month desc
