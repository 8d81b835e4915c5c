-- The official rows of practice_months (views/practice_months.sql) rebuilt from what is stored
-- (SPEC 4), inside the load's transaction: the official files' practices of every (area, month)
-- without a tracker snapshot. Sorted by month, so a page's month filter skips most of the table.
delete from practice_months_official;

insert into practice_months_official by name
with tracker_snapshots as (
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
    select o.* exclude (source)
    from official_practice_months as o
    anti join tracker_snapshots as t using (month, ccg_code)
    -- a practice a tracker file lists under another area that month is counted there only
    anti join tracker_practices as p using (month, practice_code)
)

select * from official
order by month, ccg_code, practice_code;
