-- one row per month, practice_code
-- Each practice open on the last day D of each month the official files measure
-- (official_months): its area (commissioner in the newest register; for a practice that register
-- still lists under an area that closed, the area that took that area's practices: closed_areas'
-- today_code, in every month, as every other practice of the closed area), its PCN on D from the source
-- that measures the month (ePCN's spells, or the month's registration snapshot, where a practice
-- the snapshot lists as "U" or does not list is in none), and its list size then: the newest figure
-- on or before D (else the first one after it), with the date of that figure.
with months as (
    select * from official_months
),

open_practices as (
    select
        m.month,
        m.day,
        m.membership_source,
        p.practice_code,
        p.practice_name,
        coalesce(c.today_code, p.ccg_code) as ccg_code,
        p.contract_type,
        p.open_date,
        p.close_date
    from months as m
    inner join official_practices as p on open_on(p.open_date, p.close_date, m.day)
    left join closed_areas as c on c.ccg_code = p.ccg_code
),

networks_on_day as (
    select
        o.month,
        o.practice_code,
        s.network_code,
        s.network_name
    from open_practices as o
    inner join network_membership as s
        on s.practice_code = o.practice_code and spell_on(s.start_date, s.end_date, o.day)
    where o.membership_source = 'epcn'
    qualify row_number() over (
        partition by o.month, o.practice_code order by s.start_date desc, s.network_code
    ) = 1
),

snapshots as (
    select
        o.month,
        o.practice_code,
        s.network_code,
        s.network_name,
        coalesce(s.snapshot_status, 'not_listed') as snapshot_status
    from open_practices as o
    left join registration_snapshots as s using (month, practice_code)
    where o.membership_source = 'snapshot'
),

figures as (
    select * from list_size_figures
),

size_on_or_before as (
    select
        o.month,
        o.practice_code,
        f.list_size,
        f.figure_date
    from open_practices as o
    asof inner join figures as f
        on f.practice_code = o.practice_code and o.day >= f.figure_date
),

first_size as (
    select
        practice_code,
        arg_min(list_size, figure_date) as list_size,
        min(figure_date) as figure_date
    from figures
    group by practice_code
),

final as (
    select
        o.month,
        o.practice_code,
        o.practice_name,
        o.ccg_code,
        'official' as source,
        coalesce(n.network_code, s.network_code) as network_code,
        coalesce(n.network_name, s.network_name) as network_name,
        o.membership_source,
        s.snapshot_status,
        coalesce(b.list_size, a.list_size)::integer as list_size,
        case when b.list_size is not null then b.figure_date when a.list_size is not null then a.figure_date end
            as list_size_date,
        o.contract_type,
        o.open_date,
        o.close_date
    from open_practices as o
    left join networks_on_day as n using (month, practice_code)
    left join snapshots as s using (month, practice_code)
    left join size_on_or_before as b using (month, practice_code)
    left join first_size as a using (practice_code)
)

select * from final
