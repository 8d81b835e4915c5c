-- one row per load_id
-- Every load attempt, rejected and unchanged ones included, newest last.
with final as (
    select
        load_id,
        file_name,
        content_hash,
        kind,
        rows,
        snapshot_months,
        ccgs,
        loaded_at,
        outcome,
        problems,
        release_date,
        loaded_by,
        warnings
    from load_history
)

select * from final
order by load_id
