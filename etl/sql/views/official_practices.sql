-- GP practices in England from the official files. Each file says some facts about a practice
-- (epraccur: register and dates; payments: contract and list size; list sizes: patients); for
-- each fact the newest import that states it wins.
with facts as (
    select
        f.*,
        l.file_name
    from official_practice_facts as f
    inner join load_history as l using (load_id)
),

newest as (
    select
        practice_code,
        arg_max(practice_name, load_id) filter (where practice_name is not null) as practice_name,
        arg_max(ccg_code, load_id) filter (where ccg_code is not null) as ccg_code,
        arg_max(open_date, load_id) filter (where open_date is not null) as open_date,
        -- a file that gives an open date also says the practice is still open (no close date)
        arg_max(close_date, load_id) filter (where open_date is not null) as close_date,
        arg_max(status, load_id) filter (where status is not null) as status,
        arg_max(contract_type, load_id) filter (where contract_type is not null) as contract_type,
        arg_max(list_size, load_id) filter (where list_size is not null) as list_size,
        arg_max(file_name, load_id) as source
    from facts
    group by practice_code
),

final as (
    select
        practice_code,
        practice_name,
        ccg_code,
        open_date,
        close_date,
        status,
        contract_type,
        list_size,
        source
    from newest
)

select * from final
