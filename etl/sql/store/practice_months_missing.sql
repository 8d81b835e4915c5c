-- A database made before practice_months_official existed has official data but an empty table
-- ($returns: the kinds that are an area's own return, not official data).
select
    (select count(*) from practice_months_official) = 0
    and exists (
        select 1 from load_history
        where outcome = 'loaded' and not list_contains($returns, kind)
    )
