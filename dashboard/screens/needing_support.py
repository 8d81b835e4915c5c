"""Practices that are left out or at risk, each with its reasons and what a supporter needs to act."""

import streamlit as st

from dashboard.cache import cached
from dashboard.content.needing_support import needing_support_content, with_any_reason
from dashboard.filters import choose_view
from dashboard.table_display import show_chart, show_table
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
st.caption(
    f"{plural(len(shown), 'practice')} shown, grouped by area. Click a column heading to sort. "
    "The source column says where each row comes from (the tracker or the official files)."
)
show_table(
    shown,
    key="support",
    file_name=f"practices_needing_support_{view.month:%Y-%m}.csv",
    column_config={
        "practice_name": st.column_config.TextColumn("Practice", pinned=True),
        "reasons": st.column_config.TextColumn("Reasons", width="large"),
    },
    every_row=True,
)
show_chart(content.reasons)
