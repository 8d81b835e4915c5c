-- Per CCG: when the pace of its last 6 snapshots (a straight-line trend) would bring it to 100%.
with chosen as (
    select *
    from practice_status
    where list_contains($ccgs, ccg_code) and snapshot_date <= $month
),

coverage as (
    select
        ccg_code,
        snapshot_date,
        -- months counted from year 0, so a missing month leaves a gap rather than bending the trend
        year(snapshot_date) * 12 + month(snapshot_date) as month_number,
        100.0 * count(network_code) / count(*) as coverage_pct
    from chosen
    group by ccg_code, snapshot_date
),

recent as (
    select
        *,
        row_number() over (partition by ccg_code order by snapshot_date desc) as recency
    from coverage
),

trend as (
    select
        ccg_code,
        count(*) as snapshots_in_trend,
        -- one snapshot has no pace (regr_slope would give NaN, which sorts above every number)
        case when count(*) >= 2 then regr_slope(coverage_pct, month_number) end as points_per_month
    from recent
    where recency <= 6
    group by ccg_code
),

latest as (
    select ccg_code, snapshot_date, coverage_pct
    from recent
    where recency = 1
),

projected as (
    select
        latest.ccg_code,
        latest.snapshot_date as latest_month,
        round(latest.coverage_pct, 1) as coverage_pct,
        trend.snapshots_in_trend,
        round(trend.points_per_month, 2) as points_per_month,
        case
            when latest.coverage_pct >= 100 then latest.snapshot_date
            -- a pace this slow (or flat, up to rounding) never gets there
            when trend.points_per_month > 1e-9 then (
                latest.snapshot_date
                + to_months(ceil((100 - latest.coverage_pct) / trend.points_per_month)::integer)
            )::date
        end as reaches_100_on
    from latest
    inner join trend using (ccg_code)
),

final as (
    select
        *,
        case
            when coverage_pct >= 100 then 'already at 100%'
            when snapshots_in_trend < 2 then 'not enough snapshots yet'
            when reaches_100_on is null then 'not at the current pace'
            else strftime(reaches_100_on, '%Y-%m')
        end as reaches_100
    from projected
)

select * from final
order by ccg_code
