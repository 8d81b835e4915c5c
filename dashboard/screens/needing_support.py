"""Practices that are left out or at risk, each with its reasons and what a supporter needs to act."""

import streamlit as st

from dashboard import policy
from dashboard.cache import cached
from dashboard.content.common import patients_note_for
from dashboard.content.needing_support import needing_support_content, with_any_reason
from dashboard.filters import choose_view
from dashboard.plain import plain
from dashboard.table_display import download_button, show_chart, show_table
from dashboard.wording import plural

st.title("Practices needing support")
version, view = choose_view()
content = cached(needing_support_content, version, view)

st.metric("Practices with at least one reason", f"{len(content.practices):,}")
chosen = st.multiselect(
    "Show practices with any of these reasons",
    content.counts["reason"].tolist(),
    key="reason_filter",
    placeholder="Every reason",
)
shown = with_any_reason(content.practices, chosen) if chosen else content.practices
st.header("Practices by area")
areas = shown["area"].nunique()
# a heading per area reads well for a few areas; for England one table, sortable by area, reads better
grouped = areas <= policy.MAX_AREA_GROUPS
layout = (
    "under a heading per area"
    if grouped
    else f"in {areas:,} areas, the area first; choose areas to see each under its own heading"
)
st.caption(
    f"{plural(len(shown), 'practice')} shown, {layout}. Click a column heading to sort. "
    '"At least" before a month: the practice is out of a network in the first month the data shows it, '
    "so it may have been out longer. The source column says where each row comes from (the tracker or "
    "the official files)."
)
patients = cached(patients_note_for, version, view)
if patients:  # old list sizes are dated beside them, and in the download
    st.caption(f"Patients: {patients[0].lower()}{patients[1:]}, the newest list sizes loaded.")
# widths in pixels so the eight columns a supporter acts on fit beside the sidebar at 1400 pixels; a
# cut cell shows whole when clicked, and the download has every column
COLUMNS = {
    "practice_name": st.column_config.TextColumn("Practice", pinned=True, width=150),
    "practice_code": st.column_config.TextColumn("Code", width=65),
    "reasons": st.column_config.TextColumn("Reasons", width=215),
    "network_name": st.column_config.TextColumn("Network", width=140),
    "out_since": st.column_config.TextColumn(
        "Out since", width=125, help="The first month of the practice's current spell without a network"
    ),
    "months_without_network": st.column_config.NumberColumn(
        "Months out", width=70, help="Months without a network, counting the chosen month"
    ),
    "notes": st.column_config.TextColumn("Notes", width=110),
    "list_size": st.column_config.NumberColumn("Patients", format="localized", width=70),
}
if grouped:
    for number, (area, group) in enumerate(shown.groupby("area", sort=False)):
        st.subheader(f"{plain(area)}: {plural(len(group), 'practice')}")
        show_table(
            group.drop(columns=["area"]),
            key=f"support_{number}",
            file_name="",
            column_config=COLUMNS,
            every_row=True,
            download=False,
        )
else:
    AREA = {"area": st.column_config.TextColumn("Area", pinned=True, width=160)}
    show_table(shown, key="support_all", file_name="", column_config=AREA | COLUMNS, tall=30, download=False)
download_button(
    shown.assign(patients_as_at=patients.removeprefix("Registered patients as at ")) if patients else shown,
    key="support",
    file_name=f"practices_needing_support_{view.month:%Y-%m}.csv",
    label="Download every practice shown (CSV)",
)
st.header("Practices by reason")
show_chart(content.reasons)
