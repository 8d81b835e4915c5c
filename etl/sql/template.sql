-- The practices of one CCG open on the last day of a month, with what the official files know:
-- name, newest list size and contract type, and the PCN it was in that day.
with practices as (
    select * from official_practices
    where ccg_code = $ccg and open_on(open_date, close_date, $day)
),

-- a month measured by a registration snapshot (after the newest ePCN release) takes its PCNs from it
snapshot_month as (
    select count(*) > 0 as measured
    from official_months
    where month = date_trunc('month', $day::date) and membership_source = 'snapshot'
),

networks as (
    select
        practice_code,
        network_code,
        network_name
    from network_membership
    where spell_on(start_date, end_date, $day) and not (select measured from snapshot_month)
    qualify row_number() over (partition by practice_code order by start_date desc, network_code) = 1
    union all
    select
        practice_code,
        network_code,
        network_name
    from registration_snapshots
    where month = date_trunc('month', $day::date) and network_code is not null
        and (select measured from snapshot_month)
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
        n.network_code,
        n.network_name,
        null as contract_status,
        null as gp_count,
        null as notes
    from practices as p
    left join networks as n using (practice_code)
)

select * from final
order by practice_code
