-- one row per practice_code
-- GP practices in England from the official files (SPEC 4). Register facts (name, commissioner,
-- dates, status) come from the newest epraccur release that lists the practice; payments files
-- stand in as the register only while no epraccur is loaded, so an old payments file never opens,
-- closes or moves a practice. A practice whose newest listing is not a GP practice (prescribing
-- setting 4) is left out. Contract type and list size: the newest release that gives them.
-- Address, postcode and telephone: the newest register's row, as the register facts.
with facts as (
    select * from official_facts
),

register_kind as (
    select coalesce(max(kind) filter (where kind = 'epraccur'), 'payments') as kind
    from facts
),

register as (
    select f.*
    from facts as f
    inner join register_kind as k using (kind)
    qualify row_number() over (
        partition by f.practice_code
        order by f.newness, f.practice_name, f.ccg_code
    ) = 1
),

-- a practice's newest contract type and list size, each from the newest release that gives one
figures as (
    select
        practice_code,
        first(contract_type order by newness, contract_type) filter (where contract_type is not null)
            as contract_type,
        first(list_size order by newness, list_size) filter (where list_size is not null) as list_size
    from facts
    group by practice_code
),

final as (
    select
        r.practice_code,
        r.practice_name,
        r.ccg_code,
        r.open_date,
        r.close_date,
        r.status,
        g.contract_type,
        g.list_size,
        r.file_name as source,
        -- how to reach the practice, from the same register row
        r.address,
        r.postcode,
        r.telephone
    from register as r
    left join figures as g using (practice_code)
    where coalesce(r.prescribing_setting, '4') = '4'
)

select * from final
