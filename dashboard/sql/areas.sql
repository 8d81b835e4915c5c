-- Every area with data, with its names, ICB and region, which sources cover it, the names any file
-- gave it, its ICB and its region before (for the filters' search), and, for an area that closed,
-- the day it closed and the area that took its practices.
with covered as (
    select
        ccg_code,
        bool_or(source = 'tracker') as has_tracker,
        bool_or(source = 'official') as has_official
    from practice_months
    group by ccg_code
),

former as (
    select
        kind,
        code,
        string_agg(name, '; ' order by name) as names
    from former_names
    group by kind, code
),

final as (
    select
        covered.ccg_code,
        areas.name,
        areas.ccg_name,
        areas.icb_code,
        areas.icb_name,
        areas.region_code,
        areas.region_name,
        covered.has_tracker,
        covered.has_official,
        former_area.names as former_names,
        former_icb.names as icb_former_names,
        former_region.names as region_former_names,
        closed_areas.closed_on,
        closed_areas.successor_code
    from covered
    left join areas using (ccg_code)
    left join closed_areas using (ccg_code)
    left join former as former_area on former_area.kind = 'ccg' and former_area.code = covered.ccg_code
    left join former as former_icb on former_icb.kind = 'icb' and former_icb.code = areas.icb_code
    left join former as former_region on former_region.kind = 'region' and former_region.code = areas.region_code
)

select * from final
order by ccg_code
