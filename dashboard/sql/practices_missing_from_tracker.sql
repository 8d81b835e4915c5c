-- Practices open in the official register on the month's last day that the tracker does not list.
with tracked_ccgs as (
    -- a CCG without a snapshot for the month is behind, not missing every practice
    select distinct ccg_code
    from practice_status
    where list_contains($ccgs, ccg_code) and snapshot_date = $month
),

tracked_practices as (
    select distinct practice_code
    from practice_status
    where snapshot_date = $month
),

open_in_register as (
    select *
    from official_practices
    where open_date <= last_day($month)
        and (close_date is null or close_date > last_day($month))
),

final as (
    select
        open_in_register.ccg_code,
        open_in_register.practice_code,
        open_in_register.practice_name,
        'Missing from the tracker (open in the official register)' as reasons,
        open_in_register.list_size::integer as list_size,
        null::integer as gp_count,
        open_in_register.contract_type,
        null::varchar as contract_status,
        null::varchar as integration_level,
        null::varchar as network_code,
        null::varchar as network_name,
        null::bigint as network_population,
        null::varchar as previous_network_name
    from open_in_register
    inner join tracked_ccgs using (ccg_code)
    anti join tracked_practices using (practice_code)
)

select * from final
order by ccg_code, practice_code
