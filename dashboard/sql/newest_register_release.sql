-- The release date of the newest official register (epraccur) loaded.
select max(release_date) as release_date
from official_releases
where kind = 'epraccur'
