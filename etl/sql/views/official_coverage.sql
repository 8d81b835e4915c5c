-- one row per month, ccg_code
-- Official PCN coverage on the last day of each month the official files cover, per area:
-- the practices open that day and how many of them were in a PCN (official_practice_months), and
-- which source measured the month's networks: 'epcn' (the spells) or 'snapshot' (the mapping file).
with open_practices as (
    select * from official_practice_months
),

final as (
    select
        last_day(month) as month,
        ccg_code,
        count(*) as practices_open,
        count(network_code) as practices_in_network,
        any_value(membership_source) as membership_source
    from open_practices
    group by month, ccg_code
)

select * from final
order by month, ccg_code
