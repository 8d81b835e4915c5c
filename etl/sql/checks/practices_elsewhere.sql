-- Practices of an incoming participation file that are stored for the same month under another
-- CCG whose snapshot of that month the file does not replace: they would be counted twice.
with incoming_rows as (
    select
        snapshot_date::date as month,
        ccg_code,
        practice_code
    from incoming
),

covered as (
    select distinct
        month,
        ccg_code
    from incoming_rows
),

elsewhere as (
    select
        i.month,
        p.ccg_code as stored_ccg,
        i.ccg_code as incoming_ccg,
        i.practice_code
    from incoming_rows as i
    inner join participation as p
        on p.snapshot_date = i.month and p.practice_code = i.practice_code and p.ccg_code <> i.ccg_code
    anti join covered as c on c.month = i.month and c.ccg_code = p.ccg_code
),

final as (
    select
        strftime(month, '%Y-%m') as month,
        stored_ccg,
        incoming_ccg,
        count(*) as practices,
        list(practice_code order by practice_code) as practice_codes
    from elsewhere
    group by all
)

select * from final
order by month, stored_ccg, incoming_ccg
