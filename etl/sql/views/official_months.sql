-- one row per month
-- The months the official files measure, each on its last day, and which source measured its networks:
-- ePCN from the month of the first ePCN spell to the month of the newest ePCN release that lists
-- practices (ODS's PCN details report alone lists none); after it, each month with a registration
-- snapshot (registration_snapshots). A month with neither is not measured.
with bounds as (
    select
        (select min(start_date) from network_membership) as first_day,
        (
            select max(release_date) from official_releases
            where kind = 'epcn' and load_id in (select load_id from official_membership)
        ) as last_day
),

epcn_months as (
    select
        unnest(generate_series(
            date_trunc('month', first_day), date_trunc('month', last_day), interval 1 month
        ))::date as month
    from bounds
    where first_day is not null and last_day is not null
),

snapshot_months as (
    select distinct month
    from registration_snapshots
    where month > coalesce((select max(month) from epcn_months), date '1900-01-01')
),

final as (
    select
        month,
        last_day(month) as day,
        'epcn' as membership_source
    from epcn_months
    union all
    select
        month,
        last_day(month) as day,
        'snapshot' as membership_source
    from snapshot_months
)

select * from final
order by month
