-- Whether any participation row is stored but the file's own ($own: the load id of rows staged
-- straight into the table): with none, no guard can find anything.
select exists (select 1 from participation where load_id is distinct from $own)
