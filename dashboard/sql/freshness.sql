-- Each chosen CCG's newest snapshot month, and how far it is behind the newest month of any CCG.
with newest_overall as (
    select max(snapshot_date) as snapshot_date
    from practice_status
),

latest as (
    select ccg_code, max(snapshot_date) as latest_snapshot
    from practice_status
    where list_contains($ccgs, ccg_code)
    group by ccg_code
),

latest_rows as (
    select
        latest.ccg_code,
        latest.latest_snapshot,
        count(*) as practices,
        max(loads.loaded_at) as loaded_at
    from latest
    inner join practice_status
        on practice_status.ccg_code = latest.ccg_code
        and practice_status.snapshot_date = latest.latest_snapshot
    left join loads using (load_id)
    group by latest.ccg_code, latest.latest_snapshot
),

final as (
    select
        latest_rows.ccg_code,
        latest_rows.latest_snapshot,
        latest_rows.practices,
        latest_rows.loaded_at,
        datediff('month', latest_rows.latest_snapshot, newest_overall.snapshot_date) as months_behind,
        case
            when latest_rows.latest_snapshot = newest_overall.snapshot_date then 'Up to date'
            else 'Behind: newest snapshot is ' || strftime(newest_overall.snapshot_date, '%Y-%m')
        end as freshness
    from latest_rows
    cross join newest_overall
)

select * from final
order by months_behind desc, ccg_code
