-- A database made before practice_months existed has data but an empty table.
select (select count(*) from practice_months) = 0 and (select count(*) from load_history) > 0
