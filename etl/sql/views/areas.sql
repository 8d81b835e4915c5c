-- one row per ccg_code
-- Each CCG / sub-ICB location code known to any file, with its name, ICB and region.
-- name: as eccg writes it, else the mapping file, else payments; ccg_name: the name as a CCG
-- (mapping, else payments, else eccg), a name of the sub-ICB style ("NHS X ICB - 02X") only where no
-- source gives another. Of each source the newest release that names a code wins; ICB and region
-- names come from the newest mapping file that names them (today's names).
with releases as (
    select * from official_releases
),

eccg as (
    select
        c.ccg_code,
        c.ccg_name,
        c.icb_code,
        c.region_code,
        r.release_date,
        r.content_hash,
        r.newness
    from official_ccgs as c
    inner join releases as r using (load_id)
    qualify row_number() over (partition by c.ccg_code order by r.newness) = 1
),

published as (  -- the mapping file and the payments files
    select
        a.*,
        r.kind,
        r.release_date,
        r.content_hash,
        r.newness
    from official_areas as a
    inner join releases as r using (load_id)
),

mapping as (
    select *
    from published
    where kind = 'mapping'
    qualify row_number() over (partition by ccg_code order by newness) = 1
),

payments as (
    select *
    from published
    where kind = 'payments' and ccg_name is not null
    qualify row_number() over (partition by ccg_code order by newness) = 1
),

-- the newest name of each source that names the area as a CCG, not as "NHS X ICB - 02X"
ccg_style as (
    select
        ccg_code,
        first(ccg_name order by kind = 'mapping' desc, newness) as ccg_name
    from published
    where ccg_name is not null and not sub_icb_style(ccg_name, ccg_code)
    group by ccg_code
),

eccg_ccg_style as (
    select ccg_code, ccg_name
    from eccg
    where ccg_name is not null and not sub_icb_style(ccg_name, ccg_code)
),

icb_names as (
    select
        icb_code,
        arg_min(icb_name, newness) as icb_name
    from mapping
    where icb_name is not null
    group by icb_code
),

region_names as (
    select
        region_code,
        arg_min(region_name, newness) as region_name
    from mapping
    where region_name is not null
    group by region_code
),

codes as (
    select ccg_code from eccg
    union
    select ccg_code from published
    union
    select ccg_code from official_facts where kind = 'epraccur' and ccg_code is not null
    union
    select ccg_code from participation
    union
    select ccg_code from milestone_register
),

-- the newer of eccg and the mapping file says which ICB and region an area belongs to
placed as (
    select
        c.ccg_code,
        case when m.release_date > e.release_date or e.ccg_code is null
            then coalesce(m.icb_code, e.icb_code) else coalesce(e.icb_code, m.icb_code)
        end as icb_code,
        case when m.release_date > e.release_date or e.ccg_code is null
            then coalesce(m.region_code, e.region_code) else coalesce(e.region_code, m.region_code)
        end as region_code
    from codes as c
    left join eccg as e using (ccg_code)
    left join mapping as m using (ccg_code)
),

final as (
    select
        c.ccg_code,
        coalesce(e.ccg_name, m.ccg_name, p.ccg_name) as name,
        coalesce(s.ccg_name, es.ccg_name, m.ccg_name, p.ccg_name, e.ccg_name) as ccg_name,
        pl.icb_code,
        i.icb_name,
        pl.region_code,
        g.region_name
    from codes as c
    inner join placed as pl using (ccg_code)
    left join eccg as e using (ccg_code)
    left join mapping as m using (ccg_code)
    left join payments as p using (ccg_code)
    left join ccg_style as s using (ccg_code)
    left join eccg_ccg_style as es using (ccg_code)
    left join icb_names as i on i.icb_code = pl.icb_code
    left join region_names as g on g.region_code = pl.region_code
)

select * from final
order by ccg_code
