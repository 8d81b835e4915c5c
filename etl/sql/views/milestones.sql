-- one row per ccg_code, network_code, milestone
-- The current milestone register (SPEC 2.2).
with final as (
    select
        ccg_code,
        network_code,
        milestone,
        due_date,
        achieved_date,
        owner,
        notes,
        load_id
    from milestone_register
)

select * from final
