-- Practices at each integration level per snapshot month, up to the chosen month.
with final as (
    select
        snapshot_date,
        integration_level,
        count(*) as practices
    from practice_status
    where list_contains($ccgs, ccg_code) and snapshot_date <= $month
    group by snapshot_date, integration_level
)

select * from final
order by snapshot_date, integration_level
