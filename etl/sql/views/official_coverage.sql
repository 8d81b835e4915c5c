-- Official PCN coverage on the last day D of each month, from the first ePCN spell to the newest
-- date ePCN mentions. Open on D: open_date <= D and (close_date is null or close_date > D).
-- In a network on D: a spell with start_date <= D and (end_date is null or end_date >= D).
with spells as (
    select * from network_membership
),

bounds as (
    select
        min(start_date) as first_day,
        greatest(max(start_date), coalesce(max(end_date), max(start_date))) as last_day
    from spells
),

months as (
    select last_day(unnest(generate_series(
        date_trunc('month', first_day), date_trunc('month', last_day), interval 1 month
    ))::date) as month
    from bounds
    where first_day is not null
),

open_practices as (
    select
        months.month,
        p.practice_code,
        p.ccg_code
    from months
    inner join official_practices as p
        on p.open_date <= months.month and (p.close_date is null or p.close_date > months.month)
),

in_network as (
    select distinct
        o.month,
        o.practice_code
    from open_practices as o
    inner join spells as s
        on s.practice_code = o.practice_code
        and s.start_date <= o.month
        and (s.end_date is null or s.end_date >= o.month)
),

final as (
    select
        o.month,
        o.ccg_code,
        count(*) as practices_open,
        count(n.practice_code) as practices_in_network
    from open_practices as o
    left join in_network as n using (month, practice_code)
    group by o.month, o.ccg_code
)

select * from final
order by month, ccg_code
