-- Whether practice_months is still the stored table of a database made before it became a view.
select count(*) > 0
from duckdb_tables()
where database_name = current_database() and schema_name = 'main' and table_name = 'practice_months'
