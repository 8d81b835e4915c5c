-- Each area and every area it became: a CCG that closed became the area that took its practices
-- (closed_areas: eccg's closing date, and where most of its practices are today), and in turn
-- whatever that area became. The one place the register checks learn which area became which.
with recursive successors as (
    select
        ccg_code,
        successor_code as later_code
    from closed_areas
    where successor_code is not null and successor_code <> ccg_code
),

became as (
    select ccg_code, later_code from successors
    union
    select b.ccg_code, s.later_code
    from became as b
    inner join successors as s on s.ccg_code = b.later_code
)

select * from became
