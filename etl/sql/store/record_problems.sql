-- The first problems of a rejected file, each the n-th of the four lists bound ($lines ...).
insert into load_problems (load_id, line, column_name, value, problem)
select
    $load_id,
    unnest($lines),
    unnest($columns),
    unnest($cell_values),
    unnest($problems)
