"""The LMC's call list: practices left out or with another practice-level reason, most pressing first,
with how to reach each one."""

import streamlit as st

from dashboard.content.common import patients_note_for
from dashboard.content.needing_support import needing_support_content
from dashboard.plain import plain
from dashboard.ui.cache import cached
from dashboard.ui.filters import choose_view
from dashboard.ui.tables import download_button, show_charts, show_table
from dashboard.wording import month_name, plural

st.title("Practices needing support")
version, view = choose_view()
content = cached(needing_support_content, version, view)

left, other = st.columns(2)
left.metric("Practices with at least one reason", f"{len(content.practices):,}")
other.metric("Of them left out of a network", f"{content.left_out:,}")
chosen = st.multiselect(
    "Show practices with any of these reasons",
    content.counts["reason"].tolist(),
    key="reason_filter",
    placeholder="Every reason",
)
shown = content.with_any_reason(chosen) if chosen else content.practices
st.header("Whom to call")
st.caption(
    f"{plural(len(shown), 'practice')}, most pressing first: practices left out of a network (those that "
    "left since the previous month first, then the longest out), then the other reasons. A network's size "
    "is not a reason: it is a note on the practices listed here, and the Networks page shows every network. "
    '"At least" before a month: the practice is out of a network in the first month the data shows it, so '
    "it may have been out longer. The telephone number is the official register's. Click a column "
    "heading to sort, a cell to read it whole; the download adds the address, postcode, network and every "
    "other column."
)
patients = cached(patients_note_for, version, view)
if patients:  # old list sizes are dated beside them, and in the download
    st.caption(f"Patients: {patients[0].lower()}{patients[1:]}, the newest list sizes loaded.")
# the columns a caller acts on first, in pixels, so that they fit beside the sidebar at 1,280 pixels:
# who, where, why, how to reach it, how long, the lead's notes (in full under the table); the download
# has every column
COLUMNS = {
    "practice_name": st.column_config.TextColumn("Practice", pinned=True, width=145),
    "area": st.column_config.TextColumn("Area", width=115),
    "reasons": st.column_config.TextColumn("Reasons", width=150),
    "telephone": st.column_config.TextColumn("Telephone", width=105),
    "out_since": st.column_config.TextColumn(
        "Out since", width=95, help="The first month of the practice's current spell without a network"
    ),
    "months_without_network": st.column_config.NumberColumn(
        "Months out", width=85, help="Months measured without a network, counting the chosen month"
    ),
    "notes": st.column_config.TextColumn("Lead's notes", width=105),
}
if shown.empty:  # no empty table: say so
    st.success(f"No practice of {plain(view.scope)} needs support in {month_name(view.month)}.")
else:
    show_table(
        shown,
        key="support_all",
        file_name="",
        column_config=COLUMNS,
        tall=30,
        download=False,
        on_screen=list(COLUMNS),
    )
    download_button(
        shown.assign(patients_as_at=patients.removeprefix("Registered patients as at "))
        if patients
        else shown,
        key="support",
        file_name=f"practices_needing_support_{view.month:%Y-%m}.csv",
        label="Download every practice shown (CSV)",
    )
noted = shown.loc[shown["notes"].fillna("").astype(str).str.strip() != ""]
if len(noted):
    st.subheader("The lead's notes in full")
    for row in noted.itertuples(index=False):
        st.markdown(f"**{plain(row.practice_name)} ({plain(row.practice_code)})**: {plain(row.notes)}")
show_charts(content.charts)
