-- What changed per practice between each chosen CCG's previous snapshot and the chosen month.
with chosen as (
    select *
    from practice_status
    where list_contains($ccgs, ccg_code)
),

previous_months as (
    select ccg_code, max(snapshot_date) as previous_date
    from chosen
    where snapshot_date < $month
    group by ccg_code
),

-- only CCGs with both snapshots can be compared; a CCG without the month is behind, not emptied
compared_ccgs as (
    select distinct previous_months.ccg_code, previous_months.previous_date
    from previous_months
    inner join chosen
        on chosen.ccg_code = previous_months.ccg_code and chosen.snapshot_date = $month
),

now as (
    select chosen.*
    from chosen
    inner join compared_ccgs using (ccg_code)
    where chosen.snapshot_date = $month
),

before as (
    select chosen.*
    from chosen
    inner join compared_ccgs
        on chosen.ccg_code = compared_ccgs.ccg_code and chosen.snapshot_date = compared_ccgs.previous_date
),

paired as (
    select
        coalesce(now.ccg_code, before.ccg_code) as ccg_code,
        coalesce(now.practice_code, before.practice_code) as practice_code,
        coalesce(now.practice_name, before.practice_name) as practice_name,
        now.practice_code is not null as listed_now,
        before.practice_code is not null as listed_before,
        before.network_code as network_before,
        now.network_code as network_now,
        before.network_name as network_name_before,
        now.network_name as network_name_now,
        before.integration_level as level_before,
        now.integration_level as level_now,
        before.contract_type || ', ' || before.contract_status as contract_before,
        now.contract_type || ', ' || now.contract_status as contract_now
    from now
    full outer join before using (ccg_code, practice_code)
),

changes as (
    select *, 1 as change_order, 'Joined a network' as change, network_name_now as detail
    from paired
    where listed_before and listed_now and network_before is null and network_now is not null
    union all
    select *, 2, 'Left a network', network_name_before
    from paired
    where listed_before and listed_now and network_before is not null and network_now is null
    union all
    select *, 3, 'Moved network', network_name_before || ' → ' || network_name_now
    from paired
    where network_before <> network_now
    union all
    select *, 4, 'Integration level changed', level_before || ' → ' || level_now
    from paired
    where level_before <> level_now
    union all
    select *, 5, 'Contract changed', contract_before || ' → ' || contract_now
    from paired
    where contract_before <> contract_now
    union all
    select *, 6, 'Practice added', null
    from paired
    where listed_now and not listed_before
    union all
    select *, 7, 'Practice no longer listed', null
    from paired
    where listed_before and not listed_now
),

final as (
    select
        changes.ccg_code,
        changes.practice_code,
        changes.practice_name,
        changes.change,
        changes.detail,
        compared_ccgs.previous_date as previous_snapshot,
        changes.change_order
    from changes
    inner join compared_ccgs using (ccg_code)
)

select * exclude (change_order) from final
order by ccg_code, change_order, practice_code
