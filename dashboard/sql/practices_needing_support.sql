-- Practices of the chosen CCGs and month with at least one reason for support, reasons in words.
with chosen as (
    select *
    from practice_status
    where list_contains($ccgs, ccg_code)
),

this_month as (
    select *
    from chosen
    where snapshot_date = $month
),

-- each CCG's own previous snapshot: CCGs do not always report the same months
previous_months as (
    select ccg_code, max(snapshot_date) as snapshot_date
    from chosen
    where snapshot_date < $month
    group by ccg_code
),

previous as (
    select chosen.ccg_code, chosen.practice_code, chosen.network_code, chosen.network_name
    from chosen
    inner join previous_months using (ccg_code, snapshot_date)
),

-- a network's size counts every member, also those in CCGs not chosen
network_sizes as (
    select network_code, sum(list_size)::bigint as network_population
    from practice_status
    where snapshot_date = $month and network_code is not null
    group by network_code
),

reasons as (
    select
        this_month.*,
        network_sizes.network_population,
        previous.network_name as previous_network_name,
        concat_ws(
            '; ',
            case when this_month.network_code is null then 'Not in a network' end,
            case when this_month.gp_count = 1 then 'Single-handed' end,
            case when network_sizes.network_population < 30000 then 'Network below 30,000 patients' end,
            case
                when previous.network_code is not null and this_month.network_code is null
                    then 'Left a network since the previous snapshot'
            end,
            case when this_month.contract_status = 'suspended' then 'Contract suspended' end
        ) as reasons
    from this_month
    left join network_sizes using (network_code)
    left join previous using (ccg_code, practice_code)
),

final as (
    select
        ccg_code,
        practice_code,
        practice_name,
        reasons,
        list_size,
        gp_count,
        contract_type,
        contract_status,
        integration_level,
        network_code,
        network_name,
        network_population,
        previous_network_name
    from reasons
    where reasons <> ''
)

select * from final
order by ccg_code, practice_code
