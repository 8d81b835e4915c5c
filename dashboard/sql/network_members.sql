-- Member practices of the networks with a member in the chosen areas (or of one network).
with this_month as (
    select *
    from practice_months
    where month = $month and network_code is not null
),

chosen_networks as (
    select distinct network_code
    from this_month
    where list_contains($areas, ccg_code) and ($network is null or network_code = $network)
),

final as (
    select
        this_month.network_code,
        this_month.network_name,
        this_month.ccg_code,
        this_month.practice_code,
        this_month.practice_name,
        this_month.list_size,
        this_month.gp_count,
        this_month.integration_level,
        this_month.contract_type,
        this_month.contract_status,
        this_month.source
    from this_month
    inner join chosen_networks using (network_code)
)

select * from final
order by network_name, network_code, practice_code
