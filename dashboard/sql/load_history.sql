-- Every load attempt, newest first, with each official file's release date.
with final as (
    select
        load_id,
        loaded_at,
        file_name,
        kind,
        release_date,
        outcome,
        rows,
        problems,
        snapshot_months,
        ccgs,
        content_hash,
        loaded_by,
        warnings
    from loads
)

select * from final
order by load_id desc
