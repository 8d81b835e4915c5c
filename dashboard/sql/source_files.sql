-- The loaded files the chosen CCGs' figures up to the chosen month come from, with their content hashes.
with tracker_loads as (
    select load_id
    from practice_status
    where list_contains($ccgs, ccg_code) and snapshot_date <= $month
    union
    select load_id
    from milestones
    where list_contains($ccgs, ccg_code)
),

-- official files are reference data for every CCG: each one loaded may hold the newest fact
official_loads as (
    select load_id
    from loads
    where outcome = 'loaded' and kind not in ('participation', 'milestones')
),

used_loads as (
    select load_id from tracker_loads
    union
    select load_id from official_loads
),

final as (
    select
        loads.file_name,
        loads.kind,
        loads.loaded_at,
        loads.content_hash
    from loads
    inner join used_loads using (load_id)
)

select * from final
order by
    case kind when 'participation' then 1 when 'milestones' then 2 else 3 end,
    file_name,
    loaded_at
