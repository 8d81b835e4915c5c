"""Each network's registered population against the band, its members and (tracker) integration mix."""

from dataclasses import replace

import streamlit as st

from dashboard.content.common import patients_note_for
from dashboard.content.networks import members, networks_content
from dashboard.plain import plain
from dashboard.ui.cache import cached
from dashboard.ui.filters import choose_view
from dashboard.ui.tables import show_chart, show_table
from dashboard.wording import sources_text

st.title("Networks")
version, view = choose_view(with_network=True)
content = cached(networks_content, version, view)
if content.empty_text:
    st.info(plain(content.empty_text))
    st.stop()

st.caption(f"Source: {sources_text(set(content.networks['source'].str.split(', ').explode()))}.")
for column, (label, value) in zip(
    st.columns(len(content.band_counts), border=True), content.band_counts, strict=True
):
    column.metric(label, f"{value:,}")
population = content.population
if patients := cached(patients_note_for, version, view):  # old list sizes are dated beside them
    st.caption(f"{patients}: the newest list sizes loaded for these practices.")
    as_at = patients.removeprefix("Registered patients as at ")
    population = replace(population, numbers=population.numbers.assign(patients_as_at=as_at))
show_chart(population)

practices = cached(members, version, view)
if patients:  # the members' list sizes, dated in the table and its download
    practices = practices.assign(patients_as_at=patients.removeprefix("Registered patients as at "))
named = practices["network_name"].iloc[0] if view.network and len(practices) else None
st.header(f"Member practices of {plain(named)}" if named else "Member practices")
if not view.network:
    st.caption("Choose a network in the sidebar to list its members only.")
# who, where and how big, in pixels, so that the table fits beside the sidebar at 1,280 pixels; the
# download has every column (codes, contract, source, the date of the list sizes)
MEMBERS = {
    "practice_name": st.column_config.TextColumn("Practice", pinned=True, width=190),
    "practice_code": st.column_config.TextColumn("Code", width=62),
    "network_name": st.column_config.TextColumn("Network", width=180),
    "area": st.column_config.TextColumn("Area", width=150),
    "list_size": st.column_config.NumberColumn(
        "Patients", format="localized", width=80, help="Registered patients"
    ),
    "gp_count": st.column_config.NumberColumn("GPs", format="localized", width=50),
    "integration_level": st.column_config.TextColumn("Integration", width=80),
}
show_table(
    practices,
    key="members",
    file_name=f"network_members_{view.month:%Y-%m}.csv",
    column_config=MEMBERS,
    on_screen=[column for column in MEMBERS if column in practices.columns],
)

if content.mix is not None:
    st.header("Integration mix per network")
    show_chart(content.mix)
