-- One row per practice of the chosen areas in the month, with its network and its status on the map:
-- 'in a network', or 'left out' (in none).
with chosen as (
    select *
    from practice_months
    where list_contains($areas, ccg_code) and month = $month
),

final as (
    select
        practice_code,
        practice_name,
        ccg_code,
        network_code,
        network_name,
        source,
        case when network_code is null then 'left out' else 'in a network' end as status
    from chosen
)

select * from final
order by practice_code
