-- The loaded files the chosen areas' figures up to the chosen month come from, with their content hashes.
with tracker_loads as (
    select load_id
    from chosen_practice_months($areas, $month)
    where source = 'tracker'
    union
    select load_id
    from milestones
    where list_contains($areas, ccg_code)
),

-- official files are reference data for every area: each one loaded may hold the newest fact
official_loads as (
    select load_id
    from official_releases
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
        loads.release_date,
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
