-- Definitions used by more than one view, written once (SPEC 4).

-- A practice is open on day D when it opened on or before D and has not closed by D.
create or replace macro open_on(open_date, close_date, day) as
    open_date <= day and (close_date is null or close_date > day);

-- A membership spell holds on day D when it started on or before D and had not ended before D.
create or replace macro spell_on(start_date, end_date, day) as
    start_date <= day and (end_date is null or end_date >= day);

-- A milestone is overdue on day D when it was due before D and not achieved by D (due on D is due, not late).
create or replace macro overdue_on(due_date, achieved_date, day) as
    due_date < day and (achieved_date is null or achieved_date > day);

-- An area's name in the sub-ICB style, "NHS X ICB - 02X" (its own code at the end), not as a CCG.
create or replace macro sub_icb_style(name, code) as
    ends_with(upper(name), ' - ' || upper(code));
