-- The release date of the newest official register (epraccur) loaded.
select max(release_date) as release_date
from loads
where kind = 'epraccur' and outcome = 'loaded'
