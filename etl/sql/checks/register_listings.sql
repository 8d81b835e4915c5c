-- Each practice of the incoming return, each month it is in, with the register's area for that
-- month: the commissioner that the register release nearest the month (its last day) gives the
-- practice, among the releases that list it. No row of `listing` when no register lists it.
with listings as (
    select
        practice_code,
        ccg_code,
        file_name,
        release_date,
        newness
    from official_facts
    where kind = 'epraccur'
),

incoming_rows as (
    select distinct
        snapshot_date::date as month,
        ccg_code,
        practice_code
    from incoming
),

nearest as (
    select
        i.month,
        i.ccg_code,
        i.practice_code,
        l.practice_code is not null as listed,
        l.ccg_code as register_code,
        l.file_name as register_file
    from incoming_rows as i
    left join listings as l using (practice_code)
    qualify row_number() over (
        partition by i.month, i.ccg_code, i.practice_code
        order by abs(date_diff('day', last_day(i.month), l.release_date)), l.newness
    ) = 1
),

judged as (
    select
        n.*,
        case
            when not n.listed then 'unknown'
            when n.register_code is null or n.register_code = n.ccg_code then null
            when s.ccg_code is not null then null  -- one of the two areas became the other
            else 'elsewhere'
        end as finding
    from nearest as n
    left join area_successions as s
        on (s.ccg_code = n.ccg_code and s.later_code = n.register_code)
        or (s.ccg_code = n.register_code and s.later_code = n.ccg_code)
    qualify row_number() over (partition by n.month, n.ccg_code, n.practice_code order by s.ccg_code nulls last) = 1
),

final as (
    select
        finding,
        practice_code,
        ccg_code,
        register_code,
        list(distinct register_file order by register_file) as register_files,
        strftime(min(month), '%Y-%m') as first_month,
        strftime(max(month), '%Y-%m') as last_month,
        count(*) as months,
        list(strftime(month, '%Y-%m') order by month) as month_list  -- where to find its lines
    from judged
    where finding is not null
    group by finding, practice_code, ccg_code, register_code
)

select * from final
order by finding desc, practice_code, ccg_code, register_code
