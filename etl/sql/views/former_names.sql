-- Every name a file has given an area (kind 'ccg': a CCG / sub-ICB location), an ICB (kind 'icb',
-- also the STPs before them) or a region (kind 'region') that is not its name today in `areas`:
-- a filter finds an area by an old name too.
with named as (
    select 'ccg' as kind, ccg_code as code, ccg_name as name from official_ccgs
    union
    select 'ccg', ccg_code, ccg_name from official_areas
    union
    select 'icb', icb_code, icb_name from official_areas
    union
    select 'region', region_code, region_name from official_areas
),

today as (
    select 'ccg' as kind, ccg_code as code, ccg_name as name from areas
    union
    select 'ccg', ccg_code, name from areas
    union
    select 'icb', icb_code, icb_name from areas
    union
    select 'region', region_code, region_name from areas
),

final as (
    select distinct
        n.kind,
        n.code,
        n.name
    from named as n
    where n.code is not null and n.name is not null and trim(n.name) <> ''
        and not exists (
            select 1 from today as t
            where t.kind = n.kind and t.code = n.code and upper(t.name) = upper(n.name)
        )
)

select * from final
order by kind, code, name
