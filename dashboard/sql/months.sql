-- The months with data for the chosen areas, newest first, for the month filter.
with final as (
    select distinct month
    from chosen_areas_practice_months($areas)
)

select * from final
order by month desc
