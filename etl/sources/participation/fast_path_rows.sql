-- The model's rules across rows, over the staged rows ({table}): what the file holds, and
-- whether each practice is there once a month and each network has one name a month.
with practice_months as (
    select not exists (
        select 1
        from {table}
        group by practice_code, snapshot_date
        having count(*) > 1
    ) as once_each
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
        -- a month is the first day of it: formatted once per month, not once per row
        list_transform(list(distinct snapshot_date), lambda day: strftime(day, '%Y-%m')) as months,
        list(distinct ccg_code) as ccgs
    from {table}
)

select held.rows, held.months, held.ccgs, practice_months.once_each and network_names.one_each
from held, practice_months, network_names
