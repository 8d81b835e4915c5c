-- The model's rules across rows, over the staged rows of {table}: what the file holds, and
-- whether each practice is there once a month and each network has one name a month.
with practice_months as (
    select count(*) = count(distinct (practice_code, snapshot_date)) as once_each
    from {table}
),

network_names as (
    select count(*) = 0 as one_each
    from (
        select network_code, snapshot_date
        from {table}
        where network_code is not null and network_name is not null
        group by network_code, snapshot_date
        having count(distinct network_name) > 1
    )
),

held as (
    select
        count(*) as rows,
        list(distinct strftime(snapshot_date, '%Y-%m')) as months,
        list(distinct ccg_code) as ccgs
    from {table}
)

select held.rows, held.months, held.ccgs, practice_months.once_each and network_names.one_each
from held, practice_months, network_names
