-- What changed per practice between each chosen area's previous month and the chosen month: one row
-- per practice, its changes joined with '; ', each starting with joined, left, moved, opened, closed,
-- level or contract. An area is compared only with a previous month from the same source.
with chosen as (
    select * from chosen_practice_months($areas, $month)
),

area_months as (
    select distinct ccg_code, month, source
    from chosen
),

previous_months as (
    select ccg_code, max(month) as previous_month
    from chosen
    where month < $month
    group by ccg_code
),

compared_areas as (
    select previous_months.ccg_code, previous_months.previous_month, now_month.source
    from previous_months
    inner join area_months as now_month
        on now_month.ccg_code = previous_months.ccg_code and now_month.month = $month
    inner join area_months as before_month
        on before_month.ccg_code = previous_months.ccg_code
        and before_month.month = previous_months.previous_month
        and before_month.source = now_month.source
),

now_rows as (
    select chosen.*
    from chosen
    inner join compared_areas using (ccg_code)
    where chosen.month = $month
),

before_rows as (
    select chosen.*
    from chosen
    inner join compared_areas
        on chosen.ccg_code = compared_areas.ccg_code and chosen.month = compared_areas.previous_month
),

paired as (
    select
        coalesce(now_rows.ccg_code, before_rows.ccg_code) as ccg_code,
        coalesce(now_rows.practice_code, before_rows.practice_code) as practice_code,
        coalesce(now_rows.practice_name, before_rows.practice_name) as practice_name,
        coalesce(now_rows.source, before_rows.source) as source,
        now_rows.practice_code is not null as open_now,
        before_rows.practice_code is not null as open_before,
        before_rows.network_code as network_before,
        now_rows.network_code as network_now,
        before_rows.network_name as network_name_before,
        now_rows.network_name as network_name_now,
        before_rows.integration_level as level_before,
        now_rows.integration_level as level_now,
        before_rows.contract_type || ', ' || coalesce(before_rows.contract_status, 'active') as contract_before,
        now_rows.contract_type || ', ' || coalesce(now_rows.contract_status, 'active') as contract_now
    from now_rows
    full outer join before_rows using (practice_code)
),

described as (
    select
        *,
        concat_ws(
            '; ',
            case when open_now and not open_before then 'opened' end,
            case when open_before and not open_now then 'closed' end,
            case
                when open_before and open_now and network_before is null and network_now is not null
                    then 'joined ' || network_name_now
            end,
            case
                when open_before and open_now and network_before is not null and network_now is null
                    then 'left ' || network_name_before
            end,
            case
                when network_before <> network_now
                    then 'moved ' || network_name_before || ' → ' || network_name_now
            end,
            case when level_before <> level_now then 'level ' || level_before || ' → ' || level_now end,
            case
                when contract_before <> contract_now then 'contract ' || contract_before || ' → ' || contract_now
            end
        ) as change
    from paired
),

final as (
    select
        described.ccg_code,
        described.practice_code,
        described.practice_name,
        described.change,
        case
            when described.source = 'tracker' and described.change = 'opened' then 'newly listed in the tracker'
            when described.source = 'tracker' and described.change = 'closed' then 'no longer listed in the tracker'
        end as detail,
        compared_areas.previous_month,
        described.source
    from described
    inner join compared_areas using (ccg_code)
    where described.change <> ''
)

select * from final
order by
    ccg_code,
    list_position(['opened', 'closed', 'joined', 'left', 'moved', 'level', 'contract'], split_part(change, ' ', 1)),
    practice_code
