-- Each network with a member in the chosen areas: its registered population against the band,
-- and its integration mix (tracker rows only).
with this_month as (
    select *
    from practice_months
    where month = $month and network_code is not null
),

chosen_networks as (
    select distinct network_code
    from this_month
    where list_contains($areas, ccg_code)
),

-- a network's size counts every member, also those in areas not chosen
sizes as (
    select
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
    from this_month
    inner join chosen_networks using (network_code)
    group by network_code
),

final as (
    select
        network_code,
        network_name,
        areas,
        source,
        practices,
        population,
        case
            when population is null then 'Unknown'
            when population < $band_low then $below_band_label
            when population > $band_high then $above_band_label
            else $within_band_label
        end as band,
        practices_without_list_size,
        level_none,
        level_virtual,
        level_partial,
        level_full
    from sizes
)

select * from final
order by population nulls first, network_code
