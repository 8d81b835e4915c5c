-- The headline figures of the chosen areas for the chosen month ('selected') and, for the change since
-- the month with data before it, the areas whose source is the same in both months: their figures then
-- ('previous') and now ('selected_compared'). A change never compares the tracker with the official files.
with chosen as (
    select * from chosen_practice_months($areas, $month)
),

previous_month as (
    select max(month) as month
    from chosen
    where month < $month
),

area_sources as (
    select distinct ccg_code, month, source
    from chosen
    where month = $month or month = (select month from previous_month)
),

compared_areas as (
    select now_month.ccg_code
    from area_sources as now_month
    inner join area_sources as before_month
        on before_month.ccg_code = now_month.ccg_code
        and before_month.source = now_month.source
        and before_month.month = (select month from previous_month)
    where now_month.month = $month
),

rows_compared as (
    select 'selected' as compared, *
    from chosen
    where month = $month
    union all
    select 'previous' as compared, chosen.*
    from chosen
    inner join compared_areas using (ccg_code)
    where chosen.month = (select month from previous_month)
    union all
    select 'selected_compared' as compared, chosen.*
    from chosen
    inner join compared_areas using (ccg_code)
    where chosen.month = $month
),

practices as (
    select
        compared,
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
        count(*) filter (where integration_level = 'full') as level_full,
        (select count(*) from compared_areas) < count(distinct ccg_code) filter (where compared = 'selected')
            as partly_compared
    from rows_compared
    group by compared, month
),

-- overdue on a month's last day: due before that day and not achieved by then (due on it is due, not late)
overdue as (
    select
        months.month,
        count(milestones.milestone) as overdue_milestones
    from (select distinct month from practices) as months
    left join milestones
        on list_contains($areas, milestones.ccg_code)
        and overdue_on(milestones.due_date, milestones.achieved_date, last_day(months.month))
    group by months.month
),

final as (
    select
        practices.*,
        overdue.overdue_milestones
    from practices
    inner join overdue using (month)
)

select * from final
order by case compared when 'selected' then 1 when 'previous' then 2 else 3 end
