-- Tracked practices by integration level and core contract type in the chosen month (the tracker only).
with final as (
    select
        integration_level,
        contract_type,
        count(*) as practices
    from chosen_practices_in_month($areas, $month)
    where source = 'tracker'
    group by integration_level, contract_type
)

select * from final
order by integration_level, contract_type
