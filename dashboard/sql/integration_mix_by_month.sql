-- Tracked practices at each integration level per month, up to the chosen month (the tracker only).
with final as (
    select
        month,
        integration_level,
        count(*) as practices
    from chosen_practice_months($areas, $month)
    where source = 'tracker'
    group by month, integration_level
)

select * from final
order by month, integration_level
