-- Per area, and for the chosen areas together (ccg_code ''), when the pace of the latest
-- $trend_months months with data (a straight-line trend) would bring coverage to 100%.
with chosen as (
    select * from chosen_practice_months($areas, $month)
),

coverage as (
    select ccg_code, month, 100.0 * count(network_code) / count(*) as coverage_pct
    from chosen
    group by ccg_code, month
    union all
    select '' as ccg_code, month, 100.0 * count(network_code) / count(*) as coverage_pct
    from chosen
    group by month
),

recent as (
    select
        *,
        -- months counted from year 0, so a missing month leaves a gap rather than bending the trend
        year(month) * 12 + month(month) as month_number,
        row_number() over (partition by ccg_code order by month desc) as recency
    from coverage
),

trend as (
    select
        ccg_code,
        count(*) as months_in_trend,
        -- one month has no pace (regr_slope would give NaN, which sorts above every number)
        case when count(*) >= 2 then regr_slope(coverage_pct, month_number) end as points_per_month
    from recent
    where recency <= $trend_months
    group by ccg_code
),

latest as (
    select ccg_code, month, coverage_pct
    from recent
    where recency = 1
),

projected as (
    select
        latest.ccg_code,
        latest.month as latest_month,
        round(latest.coverage_pct, 1) as coverage_pct,
        trend.months_in_trend,
        -- a pace that rounds to nothing is 0, never "-0"
        case when abs(trend.points_per_month) < 0.005 then 0.0 else round(trend.points_per_month, 2) end
            as points_per_month,
        case
            when latest.coverage_pct >= 100 then latest.month
            -- a pace this slow (or flat, up to rounding) never gets there
            when trend.points_per_month > 1e-9 then (
                latest.month + to_months(ceil((100 - latest.coverage_pct) / trend.points_per_month)::integer)
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
            when months_in_trend < 2 then 'not enough months yet'
            when reaches_100_on is null then 'not at the current pace'
            else strftime(reaches_100_on, '%Y-%m')
        end as reaches_100
    from projected
    -- an area without data in the month is not projected from an older month
    where latest_month = $month
)

select * from final
order by ccg_code
