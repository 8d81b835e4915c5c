-- one row per ccg_code
-- Areas (CCGs / sub-ICB locations) that have closed, from the newest eccg release that lists them:
-- the day they closed, the area that took their practices (the area that most of the practices any
-- release listed under the closed one are in today, in official_practices; ties by code), and the
-- area their practices are counted under today (today_code): the one that took them, or the area
-- that one became in turn. official_practice_months counts a practice the newest register still
-- lists under a closed area (one that closed before its area did) under today_code, in every month.
with recursive releases as (
    select * from official_releases where kind = 'eccg'
),

newest_listing as (
    select
        c.ccg_code,
        c.close_date
    from official_ccgs as c
    inner join releases as r using (load_id)
    qualify row_number() over (partition by c.ccg_code order by r.newness) = 1
),

closed as (
    select ccg_code, close_date as closed_on
    from newest_listing
    where close_date is not null
),

listed_there as (  -- every practice any release listed under a closed area
    select distinct
        f.ccg_code as closed_code,
        f.practice_code
    from official_facts as f
    inner join closed as c on c.ccg_code = f.ccg_code
),

moved_to as (
    select
        l.closed_code,
        p.ccg_code as successor_code,
        count(*) as practices
    from listed_there as l
    inner join official_practices as p using (practice_code)
    where p.ccg_code <> l.closed_code
    group by l.closed_code, p.ccg_code
    qualify row_number() over (partition by l.closed_code order by count(*) desc, p.ccg_code) = 1
),

-- each closed area and every area it became, one step after another (union: a loop ends)
became (ccg_code, later_code) as (
    select closed_code, successor_code from moved_to
    union
    select b.ccg_code, m.successor_code
    from became as b
    inner join moved_to as m on m.closed_code = b.later_code
),

-- the last of them: an area that did not close in turn (none, in a loop: the area keeps its practices)
today as (
    select
        b.ccg_code,
        min(b.later_code) as today_code
    from became as b
    anti join moved_to as m on m.closed_code = b.later_code
    group by b.ccg_code
),

final as (
    select
        c.ccg_code,
        c.closed_on,
        m.successor_code,
        t.today_code
    from closed as c
    left join moved_to as m on m.closed_code = c.ccg_code
    left join today as t using (ccg_code)
)

select * from final
order by ccg_code
