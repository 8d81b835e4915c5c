-- practice_months rebuilt from what is stored (SPEC 4), inside the load's transaction: for an
-- (area, month) with a tracker snapshot the tracker's rows; otherwise the official files' practices.
delete from practice_months;

insert into practice_months by name
with tracker as (
    select
        snapshot_date as month,
        practice_code,
        practice_name,
        ccg_code,
        'tracker' as source,
        network_code,
        network_name,
        list_size,
        contract_type,
        integration_level,
        contract_status,
        gp_count,
        notes,
        load_id,
        null::date as open_date,
        null::date as close_date
    from participation
),

-- the narrow lists below read participation itself: were they read from `tracker`, DuckDB would
-- hold a copy of every wide tracker row for them (a third of the rebuild on a national history)
tracker_snapshots as (
    select distinct
        snapshot_date as month,
        ccg_code
    from participation
),

tracker_practices as (
    select
        snapshot_date as month,
        practice_code
    from participation
),

official as (
    select o.*
    from official_practice_months as o
    anti join tracker_snapshots as t using (month, ccg_code)
    -- a practice a tracker file lists under another area that month is counted there only
    anti join tracker_practices as p using (month, practice_code)
),

final as (
    select * from tracker
    union all by name
    select
        month,
        practice_code,
        practice_name,
        ccg_code,
        source,
        network_code,
        network_name,
        list_size,
        contract_type,
        null as integration_level,
        null as contract_status,
        null::integer as gp_count,
        null as notes,
        null::integer as load_id,
        open_date,
        close_date
    from official
)

select * from final
order by month, ccg_code, practice_code;
