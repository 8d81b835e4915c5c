-- one row per month, practice_code
-- The mapping files' membership snapshots, one per month: each practice the snapshot lists, with its
-- PCN that month. An extract dated the 1st of a month measures the end of the month before (`day`).
-- Of two snapshots of one month the newer release wins, then the greater content hash.
with releases as (
    select * from official_releases where kind = 'mapping'
),

listed as (
    select
        g.load_id,
        g.practice_code,
        g.network_code,
        g.network_name,
        regexp_full_match(g.network_code, 'U[0-9]{5}') as in_pcn,  -- 'U' alone: in no PCN
        date_trunc('month', g.extract_date - interval 1 day)::date as month
    from official_registrations as g
    where g.extract_date is not null
),

newest_per_month as (
    select distinct
        l.month,
        l.load_id
    from listed as l
    inner join releases as r using (load_id)
    qualify row_number() over (partition by l.month order by r.newness) = 1
),

final as (
    select
        l.month,
        last_day(l.month) as day,
        l.practice_code,
        case when l.in_pcn then l.network_code end as network_code,
        case when l.in_pcn then l.network_name end as network_name,
        case when l.in_pcn then 'in_pcn' else 'unallocated' end as snapshot_status,
        r.file_name as source
    from listed as l
    inner join newest_per_month as n using (month, load_id)
    inner join releases as r using (load_id)
    qualify row_number() over (partition by l.month, l.practice_code order by l.network_code) = 1
)

select * from final
