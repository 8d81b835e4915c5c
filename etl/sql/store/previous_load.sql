-- The newest load of the same content, and how many of its rows are still stored.
with previous as (
    select
        load_id,
        rows
    from load_history
    where content_hash = $content_hash and kind = $kind and outcome = 'loaded'
    order by load_id desc
    limit 1
),

in_force as (
    select load_id from participation
    union all
    select load_id from milestone_register
),

final as (
    select
        p.load_id,
        p.rows,
        (select count(*) from in_force as i where i.load_id = p.load_id) as rows_in_force
    from previous as p
)

select * from final
