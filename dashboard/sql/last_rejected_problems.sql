-- Every problem of the most recently rejected file.
with last_rejected as (
    select load_id, file_name, loaded_at
    from loads
    where outcome = 'rejected'
    order by load_id desc
    limit 1
),

final as (
    select
        last_rejected.file_name,
        last_rejected.loaded_at,
        load_problems.line,
        load_problems.column_name,
        load_problems.value,
        load_problems.problem
    from last_rejected
    inner join load_problems using (load_id)
)

select * from final
order by line nulls first, column_name
