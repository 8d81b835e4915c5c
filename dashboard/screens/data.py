"""Where the numbers come from: freshness per area, load history, rejected files, and checking a new file."""

import duckdb
import streamlit as st

from dashboard import queries
from dashboard.auth import may_load_files
from dashboard.content.data import data_content
from dashboard.plain import plain
from dashboard.ui.cache import cached, database_version
from dashboard.ui.filters import NO_DATA, view_or_none
from dashboard.ui.tables import show_table, show_whole_table
from dashboard.ui.uploads import (
    LoadOutcome,
    check_upload,
    load_upload,
    outcome_of,
    problems_table,
    read_upload,
)
from etl.api import describe, problem_count

# Each table's columns on screen, in pixels, so that it fits beside the sidebar at 1,280 pixels; a cut
# cell opens whole when clicked, and each download has every column (when each return was loaded, the
# areas and hash of each file, the register's contract and status).
FRESHNESS = {
    "area": st.column_config.TextColumn("Area", width=300),
    "latest_tracker_month": st.column_config.TextColumn("Newest return", width=115),
    "latest_official_month": st.column_config.TextColumn("Newest official", width=125),
    "months_behind": st.column_config.NumberColumn(
        "Returns behind", width=120, help="Months behind the newest tracker month of any area"
    ),
    "official_months_behind": st.column_config.NumberColumn(
        "Official behind", width=125, help="Months behind the newest official month of any area"
    ),
}
LOADS = {
    "loaded_at": st.column_config.DatetimeColumn("Loaded", format="D MMM YYYY, HH:mm", width=136),
    "file_name": st.column_config.TextColumn("File", width=155),
    "kind": st.column_config.TextColumn("Kind", width=110),
    "release_date": st.column_config.DateColumn(
        "Released", format="D MMM YYYY", width=90, help="An official file's newest date"
    ),
    "outcome": st.column_config.TextColumn("Outcome", width=85),
    "rows": st.column_config.NumberColumn("Rows", format="localized", width=60),
    "problems": st.column_config.NumberColumn("Problems", format="localized", width=78),
    "loaded_by": st.column_config.TextColumn("By", width=80),
}
DISAGREEMENTS = {
    "area": st.column_config.TextColumn("Area", width=150),
    "practice_name": st.column_config.TextColumn("Practice", width=170),
    "practice_code": st.column_config.TextColumn("Code", width=62),
    "disagreement": st.column_config.TextColumn("Disagreement", width=400),
}

st.title("Data")
chosen = view_or_none()
if chosen is None:
    st.info(NO_DATA)
else:
    version, view = chosen
    content = cached(data_content, version, view)
    st.header("Freshness per area")
    if content.behind:
        st.warning(f"Behind the newest tracker month: {plain(', '.join(content.behind))}")
    elif content.freshness["latest_tracker_month"].ne("").any():
        st.success("Every area with tracker returns has the newest tracker month.")
    if content.returns:  # returns years older than the month shown are dated beside their freshness
        st.caption(content.returns.sentence)
    if content.official_behind:
        st.warning(plain(content.official_behind))
    if content.register_warning:
        st.warning(plain(content.register_warning))
    show_table(
        content.freshness,
        key="freshness",
        file_name="freshness.csv",
        column_config=FRESHNESS,
        on_screen=list(FRESHNESS),
    )

    if content.source_dates is not None and not content.source_dates.empty:
        st.header("Newest data of each source")
        st.caption(
            "An official file's date is its release date (the newest date its content mentions); a "
            "registration snapshot dated the 1st of a month describes the end of the month before."
        )
        show_table(content.source_dates, key="source_dates", file_name="source_dates.csv")
    if content.snapshot_disagreements:
        st.header("Registration snapshots against ePCN")
        for said in content.snapshot_disagreements:
            st.info(plain(said))

    if content.missing_text is not None:
        st.header("Compared with the official register")
        say = st.warning if content.missing_count else st.success if content.compared else st.info
        say(plain(content.missing_text))
        if content.disagreements is not None and not content.disagreements.empty:
            st.caption(
                "Tracked practices the official register says had closed by the month's end, "
                "or gives another contract."
            )
            show_table(
                content.disagreements,
                key="disagreements",
                file_name=f"register_{view.month:%Y-%m}.csv",
                column_config=DISAGREEMENTS,
                on_screen=list(DISAGREEMENTS),
            )

loaded = database_version()
history = rejected = None
if loaded is not None:
    try:
        history = cached(queries.load_history, loaded)
        rejected = cached(queries.last_rejected_problems, loaded)
    except duckdb.CatalogException:  # not (yet) a tracker database: no history to show
        pass
if history is not None and rejected is not None:
    st.header("Load history")
    st.caption("Each official file's release date is the newest date its content mentions.")
    show_table(history, key="loads", file_name="load_history.csv", column_config=LOADS, on_screen=list(LOADS))
    st.header("Problems of the last rejected file")
    if rejected.empty:
        st.success("No file has been rejected.")
    else:
        first = rejected.iloc[0]
        st.caption(
            f"{plain(first['file_name'])}, tried {first['loaded_at']:%-d %B %Y at %H:%M}: "
            "nothing of it was stored."
        )
        show_whole_table(
            rejected[["line", "column_name", "value", "problem"]], key="rejected", file_name="problems.csv"
        )

st.header("Check a file")
st.caption(
    "Upload a participation or milestones file (CSV or Excel), or an official NHS file, to see every problem "
    "in it. A clean file can then be loaded, exactly as `.venv/bin/python -m etl load FILE` would load it."
)
outcome: LoadOutcome | None = st.session_state.pop("load_outcome", None)
if outcome is not None:
    (st.warning if outcome.rejected else st.success)(plain(outcome.summary))
    if outcome.problems:
        show_whole_table(problems_table(outcome.problems), key="load_problems", file_name="load_problems.csv")
    for warning in outcome.warnings:
        st.warning(plain(warning))
upload = st.file_uploader("CSV file or Excel workbook", type=["csv", "xlsx"], key="check_file")
if upload is not None:
    kept = st.session_state.get("read_upload")
    if kept is None or kept[0] != upload.file_id:  # read once: the reruns of "Load it" check it as read
        kept = st.session_state["read_upload"] = (upload.file_id, read_upload(upload))
    read = kept[1]
    checked = check_upload(read, editor=may_load_files())
    if checked.problems:
        count = problem_count(checked)
        st.error(
            f"{plain(checked.name)}: {count:,} problem{'s' * (count != 1)}; fix them and upload it again."
        )
        show_whole_table(
            problems_table(checked.problems), key="check_problems", file_name=f"problems_{checked.name}"
        )
    else:
        st.success(f"OK, {plain(describe(checked))}.")
    for found in checked.warnings:
        st.warning(plain(str(found)))
    if not checked.problems:
        if not may_load_files():
            st.info("Only the tracker's editors may load files. Send the file to your tracker's editor.")
        elif st.button("Load it", key="load_checked_file", type="primary"):
            result = load_upload(read)
            st.cache_data.clear()  # the new file version already misses the cache; this frees the old answers
            st.session_state["load_outcome"] = outcome_of(result)
            st.rerun()
