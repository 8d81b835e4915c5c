-- Each chosen area's newest month from the tracker and from the official files, and how far each is
-- behind the newest month of that source in any area. An area that closed (a CCG merged away) is
-- never behind in the official files: its practices are counted under the area that took them.
with newest_tracker as (
    select max(month) as month
    from practice_months
    where source = 'tracker'
),

newest_official as (
    select max(month) as month
    from practice_months
    where source = 'official'
),

per_area as (
    select
        ccg_code,
        max(month) filter (where source = 'tracker') as latest_tracker_month,
        max(month) filter (where source = 'official') as latest_official_month
    from practice_months
    where list_contains($areas, ccg_code)
    group by ccg_code
),

tracker_loads as (
    select practice_months.ccg_code, max(loads.loaded_at) as loaded_at
    from practice_months
    inner join per_area
        on per_area.ccg_code = practice_months.ccg_code
        and per_area.latest_tracker_month = practice_months.month
    inner join loads using (load_id)
    group by practice_months.ccg_code
),

final as (
    select
        per_area.ccg_code,
        per_area.latest_tracker_month,
        tracker_loads.loaded_at as tracker_loaded_at,
        per_area.latest_official_month,
        datediff('month', per_area.latest_tracker_month, newest_tracker.month) as months_behind,
        case when closed_areas.closed_on is null then
            datediff('month', per_area.latest_official_month, newest_official.month)
        end as official_months_behind
    from per_area
    cross join newest_tracker
    cross join newest_official
    left join tracker_loads using (ccg_code)
    left join closed_areas using (ccg_code)
)

select * from final
order by greatest(coalesce(months_behind, 0), coalesce(official_months_behind, 0)) desc, ccg_code
