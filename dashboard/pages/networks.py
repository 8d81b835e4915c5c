"""Each network's registered population against the 30,000–50,000 band, its members and integration mix."""

import streamlit as st

from dashboard import charts, queries
from dashboard.filters import choose_view
from dashboard.tables import show_chart, show_table

MAX_BARS = 60  # more bars than this cannot be read; the smallest networks matter most

st.title("Networks")
view = choose_view(with_network=True)
networks = queries.network_sizes(view.version, view.ccgs, view.month)
if networks.empty:
    st.info("No practice of the chosen CCGs is in a network in this month.")
    st.stop()

bands = networks["band"].value_counts()
for column, (label, value) in zip(
    st.columns(4, border=True),
    [
        ("Networks", len(networks)),
        ("Below 30,000 patients", bands.get("Below 30,000", 0)),
        ("Within 30,000–50,000", bands.get("Within 30,000–50,000", 0)),
        ("Above 50,000 patients", bands.get("Above 50,000", 0)),
    ],
    strict=True,
):
    column.metric(label, f"{int(value):,}")

charted = networks.head(MAX_BARS)  # sorted smallest first
if len(networks) > MAX_BARS:
    st.caption(f"The charts show the {MAX_BARS} smallest of {len(networks):,} networks; the tables have all.")
show_chart(
    charts.network_population(charted, view.month),
    networks,
    key="network_population",
    file_name=f"network_population_{view.month:%Y-%m}.csv",
)

members = queries.network_members(view.version, view.ccgs, view.month, view.network)
st.header(f"Member practices of {members['network_name'].iloc[0]}" if view.network else "Member practices")
if not view.network:
    st.caption("Choose a network in the sidebar to list its members only.")
show_table(members, key="members", file_name=f"network_members_{view.month:%Y-%m}.csv")

st.header("Integration mix per network")
show_chart(
    charts.network_integration_mix(charted, view.month),
    networks[
        [
            "network_code",
            "network_name",
            "practices",
            "level_none",
            "level_virtual",
            "level_partial",
            "level_full",
        ]
    ],
    key="network_mix",
    file_name=f"network_integration_mix_{view.month:%Y-%m}.csv",
)
