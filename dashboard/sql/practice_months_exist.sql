-- Whether any practice month is stored (fails on a database from before practice_months).
select count(*) > 0 as found from (select 1 from practice_months limit 1)
