-- How many official registers (epraccur) are loaded: one is enough to compare the tracker with.
select count(*) as registers
from official_releases
where kind = 'epraccur'
