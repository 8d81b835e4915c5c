-- How many rows of one load are still stored in {table} (a table a kind declares).
select count(*) from {table} where load_id = $load_id
