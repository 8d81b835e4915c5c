-- The (month, area) pairs of an incoming return holding fewer than half of the GP practices the
-- register has open there that month: each practice in the area its nearest register release
-- (to the month's last day) gives it, open on the month's last day. What a GP practice is, is
-- official_practices' to say.
with incoming_counts as (
    select
        snapshot_date::date as month,
        ccg_code,
        count(*) as incoming
    from incoming
    group by all
),

listings as (
    select *
    from official_facts
    where kind = 'epraccur'
        and practice_code in (
            select practice_code from official_facts
            where kind = 'epraccur' and ccg_code in (select ccg_code from incoming_counts)
        )
),

nearest as (
    select
        m.month,
        l.practice_code,
        l.ccg_code,
        l.open_date,
        l.close_date
    from (select distinct month from incoming_counts) as m
    cross join listings as l
    qualify row_number() over (
        partition by m.month, l.practice_code
        order by abs(date_diff('day', last_day(m.month), l.release_date)), l.newness
    ) = 1
),

register_counts as (
    select
        month,
        ccg_code,
        count(*) as practices_open
    from nearest
    where open_on(open_date, close_date, last_day(month))
        and practice_code in (select practice_code from official_practices)
    group by all
),

final as (
    select
        strftime(month, '%Y-%m') as month,
        ccg_code,
        incoming,
        practices_open
    from incoming_counts
    inner join register_counts using (month, ccg_code)
    where incoming * 2 < practices_open
)

select * from final
order by month, ccg_code
