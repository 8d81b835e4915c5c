-- Share of practices in a network per CCG and snapshot month, up to the chosen month.
with chosen as (
    select *
    from practice_status
    where list_contains($ccgs, ccg_code) and snapshot_date <= $month
),

final as (
    select
        snapshot_date,
        ccg_code,
        count(*) as practices,
        count(network_code) as practices_in_network,
        sum(list_size)::bigint as patients,
        coalesce(sum(list_size) filter (where network_code is not null), 0)::bigint as patients_in_network,
        round(100.0 * count(network_code) / count(*), 1) as coverage_pct
    from chosen
    group by snapshot_date, ccg_code
)

select * from final
order by ccg_code, snapshot_date
