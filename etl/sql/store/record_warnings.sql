-- The warnings of one load attempt: shown to the person who loaded it, kept here; none stopped it.
insert into load_warnings by name
select
    $load_id as load_id,
    unnest($columns::varchar[]) as column_name,
    unnest($cell_values::varchar[]) as value,
    unnest($warnings::varchar[]) as warning
