"""The view a page shows (CCGs, month, network), kept in the URL so that a copied link opens the same view.

URL parameters: `ccg` (repeated for several; absent = all CCGs), `month` (YYYY-MM; absent = the
newest) and, on the Networks page, `network` (a network code; absent = all networks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.queries import Version
from dashboard.summaries import month_name

NO_DATA = "No data loaded yet: run `make run` or `python -m etl load FILE`"
ALL_NETWORKS = ""
T = TypeVar("T")


@dataclass(frozen=True)
class View:
    """What a page shows: the database version, the chosen CCGs (all when none is chosen) and month."""

    version: Version
    ccgs: tuple[str, ...]
    month: date
    every_ccg: bool
    network: str | None = None

    @property
    def ccg_text(self) -> str:
        """'all CCGs' or 'CCGs 02X, 08C'"""
        if self.every_ccg:
            return "all CCGs"
        return f"CCG{'s' * (len(self.ccgs) != 1)} {', '.join(self.ccgs)}"


def loaded_version() -> Version | None:
    """The database's version when it holds at least one snapshot, else None."""
    version = queries.database_version()
    if version is None:
        return None
    try:
        return version if queries.ccg_codes(version) else None
    except duckdb.Error:  # not a tracker database (yet): the same advice applies
        return None


def choose_view(*, with_network: bool = False) -> View:
    """The sidebar filters, restored from the URL; stops the page with advice when there is no data."""
    view = view_or_none(with_network=with_network)
    if view is None:
        st.info(NO_DATA, icon=":material/info:")
        st.stop()
    return view


def view_or_none(*, with_network: bool = False) -> View | None:
    """Like choose_view, but None when there is no data, for a page that works without it."""
    version = loaded_version()
    if version is None:
        return None
    options = queries.ccg_codes(version)
    chosen = _choose(
        "ccg",
        from_url=st.query_params.get_all("ccg") or None,
        default=[],
        valid=lambda value: isinstance(value, list) and set(value) <= set(options),
        widget=lambda: st.sidebar.multiselect(
            "CCGs", options, key="ccg", placeholder="All CCGs", help="Leave empty for all CCGs"
        ),
    )
    ccgs = tuple(chosen or options)
    months = [m.strftime("%Y-%m") for m in queries.snapshot_months(version, ccgs)]
    month = _choose(
        "month",
        from_url=st.query_params.get("month"),
        default=months[0],
        valid=lambda value: value in months,
        widget=lambda: st.sidebar.selectbox(
            "Snapshot month", months, key="month", format_func=lambda m: month_name(_first_of(m))
        ),
    )
    view = View(version, ccgs, _first_of(month), every_ccg=not chosen)
    if with_network:
        view = _with_network(view)
    show_data_as_at(view)
    return view


def _with_network(view: View) -> View:
    networks = queries.network_sizes(view.version, view.ccgs, view.month)
    names = dict(zip(networks["network_code"], networks["network_name"], strict=True))
    options = [ALL_NETWORKS, *sorted(names, key=lambda code: (names[code], code))]
    network = _choose(
        "network",
        from_url=st.query_params.get("network"),
        default=ALL_NETWORKS,
        valid=lambda value: value in options,
        widget=lambda: st.sidebar.selectbox(
            "Network",
            options,
            key="network",
            format_func=lambda code: "All networks" if code == ALL_NETWORKS else f"{names[code]} ({code})",
        ),
    )
    return View(view.version, view.ccgs, view.month, view.every_ccg, network or None)


def _choose(
    key: str, *, from_url: T | None, default: T, valid: Callable[[T], bool], widget: Callable[[], T]
) -> T:
    """Seed the widget `key`, draw it, and write its value back to the URL.

    The seed is the widget's own state on a rerun, else the URL (a copied link), else the value
    chosen on another page (switching pages drops both the widget and the URL), else `default`.
    """
    remembered = f"chosen_{key}"
    seed = st.session_state.get(key)
    if seed is None or not valid(seed):
        candidates = (from_url, st.session_state.get(remembered))
        seed = next((c for c in candidates if c is not None and valid(c)), default)
    # assigned on every run: a page switch makes a new widget that would otherwise start from its default
    st.session_state[key] = seed
    value = widget()
    st.session_state[remembered] = value
    in_url = value if isinstance(value, list) else [value] if value else []
    if st.query_params.get_all(key) != in_url:
        if in_url:
            st.query_params[key] = in_url
        else:
            del st.query_params[key]
    return value


def _first_of(month: str) -> date:
    """'2019-03' -> date(2019, 3, 1)"""
    year, number = month.split("-")
    return date(int(year), int(number), 1)


def show_data_as_at(view: View) -> None:
    """The caption every page carries: what it shows, and how fresh the data are."""
    as_at = queries.data_as_at(view.version, view.ccgs).iloc[0]
    loaded = f", loaded {as_at['loaded_at']:%d %B %Y at %H:%M}" if pd.notna(as_at["loaded_at"]) else ""
    st.caption(
        f"Showing **{month_name(view.month)}** for **{view.ccg_text}**. "
        f"Data as at {month_name(as_at['snapshot_date'])} (the newest snapshot of {view.ccg_text}){loaded}."
    )
