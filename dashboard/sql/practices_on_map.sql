-- One row per practice of the chosen areas in the month, with its network and its status on the map:
-- 'in a network'; 'not in the snapshot' (a month measured by a registration snapshot that does not list
-- this open practice); else 'left out' (in no network, or 'Unallocated' in the snapshot).
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
        case
            when network_code is not null then 'in a network'
            when snapshot_status = 'not_listed' then 'not in the snapshot'
            else 'left out'
        end as status
    from chosen
)

select * from final
order by practice_code
