-- A file's rows into its table ({table} is one of the stored tables, never text from a file).
insert into {table} by name
select $load_id as load_id, * from incoming
