-- The practices of one CCG open on the last day of a month, with what the official files know.
with practices as (
    select * from official_practices
    where ccg_code = $ccg and open_date <= $day and (close_date is null or close_date > $day)
),

spells as (
    select
        practice_code,
        arg_max(network_code, start_date) as network_code,
        arg_max(network_name, start_date) as network_name
    from network_membership
    where start_date <= $day and (end_date is null or end_date >= $day)
    group by practice_code
),

final as (
    select
        date_trunc('month', $day::date)::date as snapshot_date,
        p.ccg_code,
        p.practice_code,
        p.practice_name,
        p.list_size,
        p.contract_type,
        null as integration_level,
        s.network_code,
        s.network_name,
        null as contract_status,
        null as gp_count,
        null as notes
    from practices as p
    left join spells as s using (practice_code)
)

select * from final
order by practice_code
