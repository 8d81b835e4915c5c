-- The newest snapshot month of the chosen CCGs and when the rows of that month were loaded.
with chosen as (
    select snapshot_date, load_id
    from practice_status
    where list_contains($ccgs, ccg_code)
),

newest as (
    select max(snapshot_date) as snapshot_date
    from chosen
),

newest_loads as (
    select distinct chosen.load_id
    from chosen
    inner join newest using (snapshot_date)
),

final as (
    select
        (select snapshot_date from newest) as snapshot_date,
        max(loads.loaded_at) as loaded_at
    from loads
    inner join newest_loads using (load_id)
)

select * from final
