-- Definitions built on the views, written once (created after them: DuckDB checks a macro's tables).

-- The chosen areas' practice months up to a month (its first day): what the dashboard's questions
-- about "the chosen areas up to the chosen month" start from.
create or replace macro chosen_practice_months(chosen_areas, up_to) as table
    select *
    from practice_months
    where list_contains(chosen_areas, ccg_code) and month <= up_to;
