-- Every load attempt, newest first.
with final as (
    select
        load_id,
        loaded_at,
        file_name,
        kind,
        outcome,
        rows,
        problems,
        snapshot_months,
        ccgs,
        content_hash
    from loads
)

select * from final
order by load_id desc
