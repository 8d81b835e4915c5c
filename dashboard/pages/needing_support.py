"""Practices that are left out or at risk, each with its reasons in words, for the LMC to follow up."""

import streamlit as st

from dashboard import charts, queries
from dashboard.filters import choose_view
from dashboard.summaries import reason_counts, with_any_reason
from dashboard.tables import show_chart, show_table

st.title("Practices needing support")
view = choose_view()
support = queries.practices_needing_support(view.version, view.ccgs, view.month)
counts = reason_counts(support)

st.metric("Practices with at least one reason", f"{len(support):,}")
chosen = st.multiselect(
    "Show practices with any of these reasons",
    counts["reason"].tolist(),
    key="reason_filter",
    placeholder="Every reason",
)
shown = with_any_reason(support, chosen) if chosen else support
st.caption(f"{len(shown):,} practice{'s' * (len(shown) != 1)} shown. Click a column heading to sort.")
show_table(shown, key="support", file_name=f"practices_needing_support_{view.month:%Y-%m}.csv")

show_chart(
    charts.practices_by_reason(counts, view.month),
    counts,
    key="reasons",
    file_name=f"support_reasons_{view.month:%Y-%m}.csv",
)
