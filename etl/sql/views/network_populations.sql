-- one row per month, network_code
-- A network's size each month, written once: every member practice, in whichever area (a network's
-- size counts members in areas not chosen too), its registered population (null when no member has a
-- list size) and how many members have none, with its areas, its rows' sources and its members'
-- integration levels (tracker rows only).
with members as (
    select *
    from practice_months
    where network_code is not null
),

final as (
    select
        month,
        network_code,
        min(network_name) as network_name,
        string_agg(distinct ccg_code, ', ' order by ccg_code) as areas,
        string_agg(distinct source, ', ' order by source) as source,
        count(*) as practices,
        sum(list_size)::bigint as population,
        count(*) - count(list_size) as practices_without_list_size,
        count(*) filter (where integration_level = 'none') as level_none,
        count(*) filter (where integration_level = 'virtual') as level_virtual,
        count(*) filter (where integration_level = 'partial') as level_partial,
        count(*) filter (where integration_level = 'full') as level_full
    from members
    group by month, network_code
)

select * from final
