-- The area that took a closed area's practices, when the area had closed by the template's month.
select
    successor_code,
    closed_on
from closed_areas
where ccg_code = $ccg and closed_on <= $day and successor_code is not null
