-- The practice registers (epraccur) stored, oldest release first.
select coalesce(list(file_name order by release_date, content_hash), []) as registers
from official_releases
where kind = 'epraccur'
