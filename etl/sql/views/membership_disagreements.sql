-- one row per month, practice_code
-- For each month that both ePCN and a registration snapshot speak about (a snapshot month up to the
-- newest ePCN release), the open practices whose network the two disagree on. ePCN's answer is the
-- one the other views use; this says how far the snapshot differs from it.
with epcn_rows as (  -- the stored official rows (a tracker month of an area has none to compare)
    select *
    from practice_months_official
    where membership_source = 'epcn'
),

final as (
    select
        e.month,
        e.ccg_code,
        e.practice_code,
        e.practice_name,
        e.network_code as epcn_network_code,
        s.network_code as snapshot_network_code,
        coalesce(s.snapshot_status, 'not_listed') as snapshot_status,
        s.source as snapshot_source
    from epcn_rows as e
    inner join (select distinct month from registration_snapshots) as m using (month)
    left join registration_snapshots as s using (month, practice_code)
    where e.network_code is distinct from s.network_code
)

select * from final
order by month, ccg_code, practice_code
