-- How many official registers (epraccur) are loaded: one is enough to compare the tracker with.
select count(*) as registers
from loads
where kind = 'epraccur' and outcome = 'loaded'
