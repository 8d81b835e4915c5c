-- one row per snapshot_date, practice_code
-- A practice's snapshot month (SPEC 2.1, normalised); snapshot_date is the 1st.
with final as (
    select
        snapshot_date,
        ccg_code,
        practice_code,
        practice_name,
        list_size,
        contract_type,
        integration_level,
        network_code,
        network_name,
        contract_status,
        gp_count,
        notes,
        load_id
    from participation
)

select * from final
