-- Definitions built on the views, written once (created after them: DuckDB checks a macro's tables).

-- The chosen areas' practice months: what every dashboard question about "the chosen areas" reads.
create or replace macro chosen_areas_practice_months(chosen_areas) as table
    select *
    from practice_months
    where list_contains(chosen_areas, ccg_code);

-- ... up to a month (its first day): a chart over time, or the month and the months before it
create or replace macro chosen_practice_months(chosen_areas, up_to) as table
    select *
    from chosen_areas_practice_months(chosen_areas)
    where month <= up_to;

-- ... in one month (its first day)
create or replace macro chosen_practices_in_month(chosen_areas, the_month) as table
    select *
    from chosen_areas_practice_months(chosen_areas)
    where month = the_month;
