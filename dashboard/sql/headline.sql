-- The headline figures of the chosen CCGs for the chosen month and the snapshot month before it.
with chosen as (
    select *
    from practice_status
    where list_contains($ccgs, ccg_code) and snapshot_date <= $month
),

compared_months as (
    select $month::date as snapshot_date, 'selected' as compared
    union all
    select max(snapshot_date), 'previous'
    from chosen
    where snapshot_date < $month
    having count(*) > 0
),

practices as (
    select
        snapshot_date,
        count(*) as practices,
        count(network_code) as practices_in_network,
        sum(list_size)::bigint as patients,
        coalesce(sum(list_size) filter (where network_code is not null), 0)::bigint as patients_in_network,
        count(distinct network_code) as networks,
        count(*) filter (where integration_level = 'none') as level_none,
        count(*) filter (where integration_level = 'virtual') as level_virtual,
        count(*) filter (where integration_level = 'partial') as level_partial,
        count(*) filter (where integration_level = 'full') as level_full
    from chosen
    group by snapshot_date
),

-- a milestone is overdue on the last day of a month when it was due by then and not achieved by then
overdue as (
    select
        compared_months.snapshot_date,
        count(milestones.milestone) as overdue_milestones
    from compared_months
    left join milestones
        on list_contains($ccgs, milestones.ccg_code)
        and milestones.due_date <= last_day(compared_months.snapshot_date)
        and (
            milestones.achieved_date is null
            or milestones.achieved_date > last_day(compared_months.snapshot_date)
        )
    group by compared_months.snapshot_date
),

final as (
    select
        compared_months.compared,
        practices.*,
        practices.practices - practices.practices_in_network as practices_left_out,
        overdue.overdue_milestones
    from compared_months
    inner join practices using (snapshot_date)
    inner join overdue using (snapshot_date)
)

select * from final
order by snapshot_date desc
