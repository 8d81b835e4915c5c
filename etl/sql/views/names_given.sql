-- one row per kind, code, name
-- Every name a file has given an area (kind 'ccg': a CCG / sub-ICB location), an ICB (kind 'icb',
-- also the STPs before them) or a region (kind 'region'): a filter finds an area by an old name too.
with named as (
    select 'ccg' as kind, ccg_code as code, ccg_name as name from official_ccgs
    union
    select 'ccg', ccg_code, ccg_name from official_areas
    union
    select 'icb', icb_code, icb_name from official_areas
    union
    select 'region', region_code, region_name from official_areas
),

final as (
    select distinct kind, code, trim(name) as name
    from named
    where code is not null and name is not null and trim(name) <> ''
)

select * from final
order by kind, code, name
