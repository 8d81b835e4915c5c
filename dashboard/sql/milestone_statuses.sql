-- The milestones of the chosen areas as they stood on the last day of the chosen month, most urgent
-- first and finished ones last.
with judged_on as (
    select last_day($month::date) as day
),

-- a network's name as the data up to the month last gave it; a network named only later (one formed
-- after the month) by its first name, never by its code alone
network_names as (
    select
        network_code,
        coalesce(
            arg_max(network_name, month) filter (where month <= $month),
            arg_min(network_name, month)
        ) as network_name
    from practice_months
    where network_code is not null and network_name is not null
    group by network_code
),

chosen as (
    select milestones.*, judged_on.day
    from milestones
    cross join judged_on
    where list_contains($areas, milestones.ccg_code)
),

-- an achievement after the day did not exist yet on the day
judged as (
    select
        *,
        case when achieved_date <= day then achieved_date end as achieved_by_then
    from chosen
),

-- due on the day itself is due, not overdue
statuses as (
    select
        judged.*,
        case
            when judged.achieved_by_then <= judged.due_date then 'Achieved'
            when judged.achieved_by_then is not null then 'Achieved late'
            when overdue_on(judged.due_date, judged.achieved_date, judged.day) then 'Overdue'
            when judged.due_date <= judged.day + $due_soon_days then $due_soon_label
            else 'Not yet due'
        end as status
    from judged
),

final as (
    select
        statuses.ccg_code,
        statuses.network_code,
        case
            when statuses.network_code is null then 'Area-wide'
            else coalesce(network_names.network_name, statuses.network_code)
        end as network_name,
        statuses.milestone,
        statuses.due_date,
        statuses.achieved_by_then as achieved_date,
        statuses.status,
        case when statuses.status = 'Overdue' then statuses.day - statuses.due_date end as days_overdue,
        statuses.owner,
        statuses.notes,
        statuses.day as judged_on
    from statuses
    left join network_names using (network_code)
)

select * from final
order by
    case status
        when 'Overdue' then 1
        when $due_soon_label then 2
        when 'Not yet due' then 3
        when 'Achieved late' then 4
        else 5
    end,
    due_date,
    ccg_code,
    network_code nulls first,
    milestone
