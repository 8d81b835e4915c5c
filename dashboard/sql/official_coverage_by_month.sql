-- Official PCN coverage (England, and the chosen areas that the tracker covers) beside the tracker's
-- own, by month, up to the chosen month: nothing after it is shown.
with tracked as (
    select *
    from chosen_practice_months($areas, $month)
    where source = 'tracker'
),

tracked_areas as (
    select distinct ccg_code
    from tracked
),

official as (
    select
        date_trunc('month', month)::date as month,
        ccg_code,
        practices_open,
        practices_in_network
    from official_coverage
    where date_trunc('month', month) <= $month
),

-- every official row counts for England, and again for the tracked areas when it is one of theirs
official_rows as (
    select
        'Official files (ePCN), England' as series,
        *
    from official
    union all
    select
        'Official files (ePCN), tracked areas' as series,
        official.*
    from official
    inner join tracked_areas using (ccg_code)
),

official_series as (
    select
        month,
        series,
        sum(practices_open)::bigint as practices,
        sum(practices_in_network)::bigint as practices_in_network
    from official_rows
    group by month, series
),

tracker as (
    select
        month,
        'Tracker, tracked areas' as series,
        count(*) as practices,
        count(network_code) as practices_in_network
    from tracked
    group by month
),

combined as (
    select * from official_series
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
order by series, month
