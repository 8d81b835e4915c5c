-- one row per practice_code, network_code, start_date
-- Practice-to-PCN membership spells (end_date null = current): for each practice, the spells of
-- the newest ePCN release that lists it.
with releases as (
    select * from official_releases where kind = 'epcn'
),

listed as (
    select distinct
        m.practice_code,
        m.load_id,
        r.newness
    from official_membership as m
    inner join releases as r using (load_id)
),

newest_listing as (
    select
        practice_code,
        load_id
    from listed
    qualify row_number() over (partition by practice_code order by newness) = 1
),

final as (
    select
        m.practice_code,
        m.network_code,
        m.network_name,
        m.start_date,
        m.end_date,
        r.file_name as source
    from official_membership as m
    inner join newest_listing as n using (practice_code, load_id)
    inner join releases as r using (load_id)
)

select * from final
