-- The networks of an incoming return, in each month the official files measure (official_months),
-- that ePCN does not know, or knows with other practices of the return: ePCN's spells on the
-- month's last day (network_membership), among the practices the return lists that month.
with covered as (
    select
        i.snapshot_date::date as month,
        o.day,
        i.practice_code,
        i.network_code
    from incoming as i
    inner join official_months as o on o.month = i.snapshot_date::date
),

known as (
    select distinct network_code from network_membership
    union
    select distinct n.network_code
    from official_networks as n
    inner join official_releases as r using (load_id)
    where r.kind = 'epcn'
),

in_epcn as (
    select
        c.month,
        c.practice_code,
        m.network_code
    from covered as c
    inner join network_membership as m
        on m.practice_code = c.practice_code and spell_on(m.start_date, m.end_date, c.day)
),

networks as (
    select distinct month, network_code from covered where network_code is not null
),

listed as (  -- each practice a network has, in the return or in ePCN
    select month, network_code, practice_code, true as in_file, false as in_epcn
    from covered
    where network_code is not null
    union all
    select e.month, e.network_code, e.practice_code, false, true
    from in_epcn as e
    inner join networks using (month, network_code)
),

compared as (
    select
        month,
        network_code,
        practice_code,
        bool_or(in_file) as in_file,
        bool_or(in_epcn) as in_epcn
    from listed
    group by all
),

final as (
    select
        strftime(c.month, '%Y-%m') as month,
        c.network_code,
        k.network_code is not null as known,
        coalesce(list(c.practice_code order by c.practice_code) filter (where c.in_file and not c.in_epcn), [])
            as only_in_file,
        coalesce(list(c.practice_code order by c.practice_code) filter (where c.in_epcn and not c.in_file), [])
            as only_in_epcn
    from compared as c
    left join known as k using (network_code)
    group by c.month, c.network_code, k.network_code
    having k.network_code is null or bool_or(c.in_file <> c.in_epcn)
)

select * from final
order by month, network_code
