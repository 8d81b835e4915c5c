-- Share of practices in a network per area and month, up to the chosen month, with the month's source.
with chosen as (
    select * from chosen_practice_months($areas, $month)
),

final as (
    select
        month,
        ccg_code,
        min(source) as source,
        count(*) as practices,
        count(network_code) as practices_in_network,
        round(100.0 * count(network_code) / count(*), 1) as coverage_pct
    from chosen
    group by month, ccg_code
)

select * from final
order by ccg_code, month
