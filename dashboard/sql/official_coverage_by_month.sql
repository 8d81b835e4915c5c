-- Official (ePCN) coverage for England and for the chosen CCGs beside the tracker's own, by month.
-- The official months are all shown: ePCN may well start after the tracker's chosen month.
with official as (
    select
        date_trunc('month', month)::date as snapshot_date,
        ccg_code,
        practices_open,
        practices_in_network
    from official_coverage
),

england as (
    select
        snapshot_date,
        'Official (ePCN), England' as series,
        sum(practices_open)::bigint as practices,
        sum(practices_in_network)::bigint as practices_in_network
    from official
    group by snapshot_date
),

official_chosen as (
    select
        snapshot_date,
        'Official (ePCN), selected CCGs' as series,
        sum(practices_open)::bigint as practices,
        sum(practices_in_network)::bigint as practices_in_network
    from official
    where list_contains($ccgs, ccg_code)
    group by snapshot_date
),

tracker as (
    select
        snapshot_date,
        'Tracker, selected CCGs' as series,
        count(*) as practices,
        count(network_code) as practices_in_network
    from practice_status
    where list_contains($ccgs, ccg_code) and snapshot_date <= $month
    group by snapshot_date
),

combined as (
    select * from england
    union all
    select * from official_chosen
    union all
    select * from tracker
),

final as (
    select
        *,
        round(100.0 * practices_in_network / nullif(practices, 0), 1) as coverage_pct
    from combined
)

select * from final
order by series, snapshot_date
