-- Practices by integration level and core contract type in the chosen month.
with final as (
    select
        integration_level,
        contract_type,
        count(*) as practices
    from practice_status
    where list_contains($ccgs, ccg_code) and snapshot_date = $month
    group by integration_level, contract_type
)

select * from final
order by integration_level, contract_type
