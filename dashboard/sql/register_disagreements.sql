-- Tracked practices whose official register entry disagrees: closed by the month's end, or another contract.
with tracked as (
    select ccg_code, practice_code, practice_name, contract_type
    from chosen_practices_in_month($areas, $month)
    where source = 'tracker'
),

compared as (
    select
        tracked.ccg_code,
        tracked.practice_code,
        tracked.practice_name,
        tracked.contract_type,
        official_practices.contract_type as official_contract_type,
        official_practices.close_date as official_close_date,
        official_practices.status as official_status
    from tracked
    inner join official_practices using (practice_code)
),

disagreements as (
    select
        *,
        'Closed in the official register on ' || strftime(official_close_date, '%-d %B %Y') as disagreement
    from compared
    where official_close_date <= last_day($month)
    union all
    select
        *,
        'Contract type ' || contract_type || ' in the tracker, '
        || official_contract_type || ' in the official register' as disagreement
    from compared
    where upper(official_contract_type) <> contract_type
),

final as (
    select
        ccg_code,
        practice_code,
        practice_name,
        disagreement,
        contract_type,
        official_contract_type,
        official_close_date,
        official_status
    from disagreements
)

select * from final
order by ccg_code, practice_code, disagreement
