-- Every area with data, with its names, ICB and region, and which sources cover it.
with covered as (
    select
        ccg_code,
        bool_or(source = 'tracker') as has_tracker,
        bool_or(source = 'official') as has_official
    from practice_months
    group by ccg_code
),

final as (
    select
        covered.ccg_code,
        areas.name,
        areas.ccg_name,
        areas.icb_code,
        areas.icb_name,
        areas.region_code,
        areas.region_name,
        covered.has_tracker,
        covered.has_official
    from covered
    left join areas using (ccg_code)
)

select * from final
order by ccg_code
