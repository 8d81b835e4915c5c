-- Practice-to-PCN membership spells from the newest ePCN import; end_date null = current.
with newest_import as (
    select max(load_id) as load_id from official_membership
),

final as (
    select
        m.practice_code,
        m.network_code,
        m.network_name,
        m.start_date,
        m.end_date,
        l.file_name as source
    from official_membership as m
    inner join newest_import as n using (load_id)
    inner join load_history as l using (load_id)
)

select * from final
