-- The milestones of the chosen CCGs as they stood on the last day of the chosen month.
with judged_on as (
    select last_day($month::date) as day
),

network_names as (
    select network_code, min(network_name) as network_name
    from practice_status
    where snapshot_date = $month and network_code is not null
    group by network_code
),

chosen as (
    select milestones.*, judged_on.day
    from milestones
    cross join judged_on
    where list_contains($ccgs, milestones.ccg_code)
),

-- an achievement after the day did not exist yet on the day
judged as (
    select
        *,
        case when achieved_date <= day then achieved_date end as achieved_by_then
    from chosen
),

final as (
    select
        judged.ccg_code,
        judged.network_code,
        coalesce(network_names.network_name, judged.network_code, 'CCG-wide') as network_name,
        judged.milestone,
        judged.due_date,
        judged.achieved_by_then as achieved_date,
        case
            when judged.achieved_by_then <= judged.due_date then 'Achieved'
            when judged.achieved_by_then is not null then 'Achieved late'
            when judged.due_date <= judged.day then 'Overdue'
            when judged.due_date <= judged.day + 30 then 'Due within 30 days'
            else 'Not yet due'
        end as status,
        case
            when judged.achieved_by_then is null and judged.due_date <= judged.day
                then judged.day - judged.due_date
        end as days_overdue,
        judged.owner,
        judged.notes,
        judged.day as judged_on
    from judged
    left join network_names using (network_code)
)

select * from final
order by
    case status
        when 'Overdue' then 1
        when 'Due within 30 days' then 2
        when 'Achieved late' then 3
        when 'Not yet due' then 4
        else 5
    end,
    due_date,
    ccg_code,
    network_code nulls first,
    milestone
