-- The (month, CCG) pairs of an incoming participation file that would replace a stored snapshot
-- with fewer than half as many practices (the sign of a mistyped date).
with incoming_counts as (
    select
        snapshot_date::date as month,
        ccg_code,
        count(*) as incoming
    from incoming
    group by all
),

stored_counts as (
    select
        snapshot_date as month,
        ccg_code,
        count(*) as stored
    from participation
    group by all
),

final as (
    select
        strftime(month, '%Y-%m') as month,
        ccg_code,
        incoming,
        stored
    from incoming_counts
    inner join stored_counts using (month, ccg_code)
    where incoming * 2 < stored
)

select * from final
order by month, ccg_code
