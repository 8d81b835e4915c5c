-- Tracked practices at each integration level per month, up to the chosen month (the tracker only).
with final as (
    select
        month,
        integration_level,
        count(*) as practices
    from practice_months
    where list_contains($areas, ccg_code) and month <= $month and source = 'tracker'
    group by month, integration_level
)

select * from final
order by month, integration_level
