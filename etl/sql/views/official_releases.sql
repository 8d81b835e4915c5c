-- one row per load_id
-- Every official file stored, with its release date, ranked within its kind: recency 1 is the
-- newest release. Ties are broken by content hash, never by the order the files were loaded.
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

final as (
    select
        *,
        row_number() over (
            partition by kind order by release_date desc nulls last, content_hash desc
        ) as recency
    from official_loads
)

select * from final
