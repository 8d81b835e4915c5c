-- The headline figures of the chosen areas for the chosen month and the month with data before it.
with chosen as (
    select *
    from practice_months
    where list_contains($areas, ccg_code) and month <= $month
),

compared_months as (
    select $month::date as month, 'selected' as compared
    union all
    select max(month), 'previous'
    from chosen
    where month < $month
    having count(*) > 0
),

practices as (
    select
        month,
        count(*) as practices,
        count(network_code) as practices_in_network,
        count(*) - count(network_code) as practices_left_out,
        count(list_size) as practices_with_list_size,
        coalesce(sum(list_size), 0)::bigint as patients,
        coalesce(sum(list_size) filter (where network_code is not null), 0)::bigint as patients_in_network,
        count(distinct network_code) as networks,
        count(*) filter (where source = 'tracker') as tracker_practices,
        count(*) filter (where source = 'official') as official_practices,
        count(*) filter (where integration_level = 'none') as level_none,
        count(*) filter (where integration_level = 'virtual') as level_virtual,
        count(*) filter (where integration_level = 'partial') as level_partial,
        count(*) filter (where integration_level = 'full') as level_full
    from chosen
    group by month
),

-- overdue on a month's last day: due before that day and not achieved by then (due on it is due, not late)
overdue as (
    select
        compared_months.month,
        count(milestones.milestone) as overdue_milestones
    from compared_months
    left join milestones
        on list_contains($areas, milestones.ccg_code)
        and milestones.due_date < last_day(compared_months.month)
        and (milestones.achieved_date is null or milestones.achieved_date > last_day(compared_months.month))
    group by compared_months.month
),

final as (
    select
        compared_months.compared,
        practices.*,
        overdue.overdue_milestones
    from compared_months
    inner join practices using (month)
    inner join overdue using (month)
)

select * from final
order by month desc
