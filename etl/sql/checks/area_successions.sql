-- Each area and every area it became: a CCG that closed (eccg's close date) became the area that
-- the first register released after its closing gives most of its practices, and in turn whatever
-- that area became. "Its practices": those listed under it, while it was open, by any official
-- file, a stored return or the incoming one. The one place that says which area became which:
-- once `areas` carries each area's closing date and successor, read them from there instead.
with recursive eccg as (
    select
        c.ccg_code,
        c.close_date
    from official_ccgs as c
    inner join official_releases as r using (load_id)
    qualify row_number() over (
        partition by c.ccg_code order by r.release_date desc nulls last, r.content_hash desc
    ) = 1
),

closed as (
    select * from eccg where close_date is not null
),

listed as (
    select practice_code, ccg_code, release_date as day from official_facts
    union all
    select practice_code, ccg_code, snapshot_date as day from participation
    union all
    select practice_code, ccg_code, snapshot_date::date as day from incoming
),

practices_of_closed as (
    select distinct
        l.practice_code,
        c.ccg_code,
        c.close_date
    from listed as l
    inner join closed as c on l.ccg_code = c.ccg_code and l.day <= c.close_date
),

taken_by as (  -- each such practice's commissioner in the first register released after the closing
    select
        p.ccg_code,
        p.practice_code,
        f.ccg_code as later_code
    from practices_of_closed as p
    inner join official_facts as f
        on f.practice_code = p.practice_code and f.kind = 'epraccur' and f.release_date > p.close_date
    qualify row_number() over (
        partition by p.ccg_code, p.practice_code order by f.release_date, f.content_hash
    ) = 1
),

successors as (
    select
        ccg_code,
        later_code
    from taken_by
    where later_code is not null and later_code <> ccg_code
    group by ccg_code, later_code
    qualify row_number() over (partition by ccg_code order by count(*) desc, later_code) = 1
),

became as (
    select ccg_code, later_code from successors
    union
    select b.ccg_code, s.later_code
    from became as b
    inner join successors as s on s.ccg_code = b.later_code
)

select * from became
