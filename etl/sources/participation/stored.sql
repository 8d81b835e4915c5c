-- Whether any participation row is stored: with none, neither guard can find anything.
select exists (select 1 from participation)
