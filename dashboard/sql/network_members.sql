-- Member practices of the networks with a member in the chosen areas (or of one network).
with chosen_networks as (
    select distinct network_code
    from chosen_practices_in_month($areas, $month)
    where network_code is not null and ($network is null or network_code = $network)
),

final as (
    select
        p.network_code,
        p.network_name,
        p.ccg_code,
        p.practice_code,
        p.practice_name,
        p.list_size,
        p.gp_count,
        p.integration_level,
        p.contract_type,
        p.contract_status,
        p.source
    from practice_months as p
    inner join chosen_networks using (network_code)
    where p.month = $month
)

select * from final
order by network_name, network_code, practice_code
