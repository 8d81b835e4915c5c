"""Where the numbers come from: freshness per CCG, load history, rejected files, and checking a new file."""

import duckdb
import streamlit as st

from dashboard import queries
from dashboard.auth import may_load_files
from dashboard.filters import NO_DATA, view_or_none
from dashboard.tables import show_table
from dashboard.uploads import problems_table, save_upload
from etl.config import database_path
from etl.load import describe, load_files, read_input

st.title("Data")
view = view_or_none()
if view is None:
    st.info(NO_DATA, icon=":material/info:")
else:
    st.header("Freshness per CCG")
    freshness = queries.freshness(view.version, view.ccgs)
    behind = freshness.loc[freshness["months_behind"] > 0, "ccg_code"].tolist()
    if behind:
        st.warning(f"Behind the newest snapshot: {', '.join(behind)}", icon=":material/schedule:")
    else:
        st.success(f"Every chosen CCG has the newest snapshot ({view.ccg_text}).", icon=":material/check:")
    show_table(freshness, key="freshness", file_name="freshness.csv")

    if queries.official_data_loaded(view.version):
        st.header("Compared with the official register")
        disagreements = queries.register_disagreements(view.version, view.ccgs, view.month)
        st.caption(
            "Tracked practices the official register says had closed by the end of the month, "
            "or whose contract type it gives differently."
        )
        if disagreements.empty:
            st.success("The tracker and the official register agree.", icon=":material/check:")
        else:
            show_table(disagreements, key="disagreements", file_name=f"register_{view.month:%Y-%m}.csv")

version = queries.database_version()
if version is not None:
    try:
        history = queries.load_history(version)
        rejected = queries.last_rejected_problems(version)
    except duckdb.Error:  # a file that is not (yet) a tracker database has no history to show
        history = rejected = None
    if history is not None:
        st.header("Load history")
        show_table(history, key="loads", file_name="load_history.csv", height=300)
        st.header("Problems of the last rejected file")
        if rejected.empty:
            st.success("No file has been rejected.", icon=":material/check:")
        else:
            first = rejected.iloc[0]
            st.caption(
                f"{first['file_name']}, tried {first['loaded_at']:%d %B %Y at %H:%M}: "
                "nothing of it was stored."
            )
            show_table(
                rejected[["line", "column_name", "value", "problem"]],
                key="rejected",
                file_name="problems.csv",
            )

st.header("Check a file")
st.caption(
    "Upload a participation or milestones CSV, or an official NHS file, to see every problem in it. "
    "A clean file can then be loaded, exactly as `python -m etl load FILE` would load it."
)
if outcome := st.session_state.pop("load_outcome", None):
    (st.warning if "rejected" in outcome else st.success)(outcome)
upload = st.file_uploader("CSV file (or an ePCN workbook)", type=["csv", "xlsx"], key="check_file")
if upload is not None:
    path = save_upload(upload)
    checked = read_input(path)
    if checked.problems:
        count = len(checked.problems)
        st.error(f"{checked.name}: {count} problem{'s' * (count != 1)}; fix them and upload it again.")
        show_table(
            problems_table(checked.problems), key="check_problems", file_name=f"problems_{checked.name}"
        )
    else:
        st.success(f"OK, {describe(checked)}.")
        if not may_load_files():
            st.info("Only the tracker's editors may load files. Send the file to your tracker's editor.")
        elif st.button("Load it", key="load_checked_file", type="primary"):
            results = load_files([path], database_path())
            st.cache_data.clear()  # the new file version already misses the cache; this frees the old answers
            st.session_state["load_outcome"] = " ".join(result.summary() for result in results)
            st.rerun()
