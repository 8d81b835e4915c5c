-- One row per area with data in the month, across England (not only the chosen areas): its practices
-- and those in a network, with its ICB and region. England's figure, where an ICB or an area stands
-- among its peers, and the map's shades are all sums of these rows.
with month_rows as (
    select *
    from practice_months
    where month = $month
),

final as (
    select
        month_rows.ccg_code,
        areas.icb_code,
        areas.icb_name,
        areas.region_code,
        areas.region_name,
        min(month_rows.source) as source,
        count(*) as practices,
        count(month_rows.network_code) as practices_in_network
    from month_rows
    left join areas using (ccg_code)
    group by all
)

select * from final
order by ccg_code
