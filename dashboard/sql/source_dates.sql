-- The newest date of each kind of source: an official kind's newest release loaded, and the newest
-- month of the chosen areas' tracker returns.
with official as (
    select
        kind,
        max(release_date) as newest
    from official_releases
    where release_date is not null
    group by kind
),

tracker as (
    select
        'tracker' as kind,
        max(month) as newest
    from chosen_areas_practice_months($areas)
    where source = 'tracker'
),

final as (
    select * from tracker where newest is not null
    union all
    select * from official
)

select * from final
order by case kind
    when 'tracker' then 1 when 'epraccur' then 2 when 'epcn' then 3 when 'mapping' then 4
    when 'list_sizes' then 5 when 'payments' then 6 else 7
end, kind
