insert into load_problems by name
select $load_id as load_id, * from problems
