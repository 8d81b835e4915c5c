-- Fails while the official views are absent; 0 while they are empty.
select count(*) as practices from official_practices
