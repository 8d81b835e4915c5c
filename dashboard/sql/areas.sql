-- Every area with data, with its names, ICB and region, which sources cover it, the other names files
-- gave it, its ICB and its region (for the filters' search), and, for an area that closed, the day it
-- closed and the area that took its practices. A closed area whose practices are all counted under
-- the area that took them (no month of its own) is listed too, so that a link with its code opens that area.
with with_data as (
    select
        ccg_code,
        bool_or(source = 'tracker') as has_tracker,
        bool_or(source = 'official') as has_official
    from practice_months
    group by ccg_code
),

covered as (
    select * from with_data
    union all
    select
        closed_areas.ccg_code,
        false as has_tracker,
        false as has_official
    from closed_areas
    semi join with_data on with_data.ccg_code = closed_areas.today_code
    anti join with_data on with_data.ccg_code = closed_areas.ccg_code
),

known as materialized (  -- worked out once
    select * from areas
),

given as materialized (
    select * from names_given
),

former_area as (
    select
        known.ccg_code,
        string_agg(given.name, '; ' order by given.name) as names
    from known
    inner join given on given.kind = 'ccg' and given.code = known.ccg_code
    where upper(given.name) <> upper(coalesce(known.name, ''))
        and upper(given.name) <> upper(coalesce(known.ccg_name, ''))
    group by known.ccg_code
),

today_groups as (
    select distinct 'icb' as kind, icb_code as code, icb_name as name from known
    union
    select distinct 'region', region_code, region_name from known
),

former_group as (
    select
        today_groups.kind,
        today_groups.code,
        string_agg(given.name, '; ' order by given.name) as names
    from today_groups
    inner join given using (kind, code)
    where upper(given.name) <> upper(coalesce(today_groups.name, ''))
    group by today_groups.kind, today_groups.code
),

final as (
    select
        covered.ccg_code,
        known.name,
        known.ccg_name,
        known.icb_code,
        known.icb_name,
        known.region_code,
        known.region_name,
        covered.has_tracker,
        covered.has_official,
        former_area.names as former_names,
        former_icb.names as icb_former_names,
        former_region.names as region_former_names,
        closed_areas.closed_on,
        closed_areas.successor_code
    from covered
    left join known using (ccg_code)
    left join closed_areas using (ccg_code)
    left join former_area using (ccg_code)
    left join former_group as former_icb on former_icb.kind = 'icb' and former_icb.code = known.icb_code
    left join former_group as former_region
        on former_region.kind = 'region' and former_region.code = known.region_code
)

select * from final
order by ccg_code
