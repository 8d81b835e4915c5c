-- Tracked practices by integration level and core contract type in the chosen month (the tracker only).
with final as (
    select
        integration_level,
        contract_type,
        count(*) as practices
    from practice_months
    where list_contains($areas, ccg_code) and month = $month and source = 'tracker'
    group by integration_level, contract_type
)

select * from final
order by integration_level, contract_type
