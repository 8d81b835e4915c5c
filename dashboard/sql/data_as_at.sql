-- The newest month of the chosen areas, the sources of that month and when its data were loaded.
with chosen as (
    select month, source, load_id
    from chosen_areas_practice_months($areas)
),

newest as (
    select max(month) as month
    from chosen
),

newest_rows as (
    select distinct chosen.source, chosen.load_id
    from chosen
    inner join newest using (month)
),

tracker_loaded as (
    select max(loads.loaded_at) as loaded_at
    from newest_rows
    inner join loads using (load_id)
),

-- official rows carry no load: the newest official file loaded is when they last changed
official_loaded as (
    select max(loads.loaded_at) as loaded_at
    from official_releases
    inner join loads using (load_id)
),

final as (
    select
        newest.month,
        (select string_agg(distinct source, ',' order by source) from newest_rows) as sources,
        case
            when exists (select 1 from newest_rows where source = 'official')
                then greatest(tracker_loaded.loaded_at, official_loaded.loaded_at)
            else tracker_loaded.loaded_at
        end as loaded_at
    from newest
    cross join tracker_loaded
    cross join official_loaded
)

select * from final
