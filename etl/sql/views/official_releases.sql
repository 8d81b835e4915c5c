-- one row per load_id
-- Every official file stored, with its release date, and "the release that wins", written once: the
-- newer release date wins, then (the same date, or none) the greater content hash, never the order the
-- files were loaded. newness 1 is the newest official file of any kind, recency 1 the newest of its
-- kind; a view that wants the newest release that says something orders by newness.
with official_loads as (
    select
        load_id,
        file_name,
        kind,
        release_date,
        content_hash
    from load_history
    where outcome = 'loaded' and kind not in ('participation', 'milestones')
),

ranked as (
    select
        *,
        row_number() over (order by release_date desc nulls last, content_hash desc) as newness
    from official_loads
),

final as (
    select
        *,
        row_number() over (partition by kind order by newness) as recency
    from ranked
)

select * from final
