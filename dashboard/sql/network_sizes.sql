-- Each network with a member in the chosen CCGs: its registered population, its band and its integration mix.
with this_month as (
    select *
    from practice_status
    where snapshot_date = $month and network_code is not null
),

chosen_networks as (
    select distinct network_code
    from this_month
    where list_contains($ccgs, ccg_code)
),

-- a network's size counts every member, also those in CCGs not chosen
sizes as (
    select
        network_code,
        min(network_name) as network_name,
        string_agg(distinct ccg_code, ', ' order by ccg_code) as ccgs,
        count(*) as practices,
        sum(list_size)::bigint as population,
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
        ccgs,
        practices,
        population,
        case
            when population < 30000 then 'Below 30,000'
            when population > 50000 then 'Above 50,000'
            else 'Within 30,000–50,000'
        end as band,
        level_none,
        level_virtual,
        level_partial,
        level_full
    from sizes
)

select * from final
order by population, network_code
