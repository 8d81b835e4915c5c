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
show_table(practices, key="members", file_name=f"network_members_{view.month:%Y-%m}.csv")

if content.mix is not None:
    st.header("Integration mix per network")
    show_chart(content.mix)
