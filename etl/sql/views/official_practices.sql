-- GP practices in England from the official files (SPEC 4). Register facts (name, commissioner,
-- dates, status) come from the newest epraccur release that lists the practice; payments files
-- stand in as the register only while no epraccur is loaded, so an old payments file never opens,
-- closes or moves a practice. A practice whose newest listing is not a GP practice (prescribing
-- setting 4) is left out. Contract type and list size: the newest release that gives them.
with facts as (
    select * from official_facts
),

register_kind as (
    select coalesce(max(kind) filter (where kind = 'epraccur'), 'payments') as kind
    from facts
),

register as (
    select
        f.practice_code,
        f.practice_name,
        f.ccg_code,
        f.open_date,
        f.close_date,
        f.status,
        f.prescribing_setting,
        f.file_name as source
    from facts as f
    inner join register_kind as k using (kind)
    qualify row_number() over (
        partition by f.practice_code
        order by f.release_date desc nulls last, f.content_hash desc, f.practice_name, f.ccg_code
    ) = 1
),

contract_types as (
    select
        practice_code,
        contract_type
    from facts
    where contract_type is not null
    qualify row_number() over (
        partition by practice_code
        order by release_date desc nulls last, content_hash desc, contract_type
    ) = 1
),

list_sizes as (
    select
        practice_code,
        list_size
    from facts
    where list_size is not null
    qualify row_number() over (
        partition by practice_code
        order by release_date desc nulls last, content_hash desc, list_size
    ) = 1
),

final as (
    select
        r.practice_code,
        r.practice_name,
        r.ccg_code,
        r.open_date,
        r.close_date,
        r.status,
        c.contract_type,
        s.list_size,
        r.source
    from register as r
    left join contract_types as c using (practice_code)
    left join list_sizes as s using (practice_code)
    where coalesce(r.prescribing_setting, '4') = '4'
)

select * from final
