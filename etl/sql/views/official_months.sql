-- The months the official files cover: from the month of the first ePCN spell to the month of the
-- newest ePCN release that lists practices (ODS's PCN details report alone lists none). Each month
-- is measured on its last day.
with bounds as (
    select
        (select min(start_date) from network_membership) as first_day,
        (
            select max(release_date) from official_releases
            where kind = 'epcn' and load_id in (select load_id from official_membership)
        ) as last_day
),

months as (
    select
        unnest(generate_series(
            date_trunc('month', first_day), date_trunc('month', last_day), interval 1 month
        ))::date as month
    from bounds
    where first_day is not null and last_day is not null
),

final as (
    select
        month,
        last_day(month) as day
    from months
)

select * from final
