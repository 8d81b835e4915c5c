-- The newest load of the same content, and how many rows it stored.
select
    load_id,
    rows
from load_history
where content_hash = $content_hash and kind = $kind and outcome = 'loaded'
order by load_id desc
limit 1
