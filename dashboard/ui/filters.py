"""The view a page shows (region, ICB, areas, month, network), kept in the URL so a copied link opens it.

URL parameters: `region`, `icb` and `ccg` (each repeatable; codes or names, any case; none = every
loaded area), `month` (YYYY-MM; absent = the newest) and, on Networks, `network` (a network code).
A value in a link that matches nothing is ignored with a warning naming it, never silently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import duckdb
import pandas as pd
import streamlit as st

from dashboard import queries
from dashboard.content.common import area_names, data_as_at_text, source_dates_text, view_for
from dashboard.plain import plain
from dashboard.queries import Version
from dashboard.ui.cache import cached, database_version
from dashboard.view import View
from dashboard.wording import group_label, group_name, month_name
from etl.months import first_day, parse_month

NO_DATA = "No data loaded yet: run `make run`, or load files with `.venv/bin/python -m etl load FILE`"
ALL_NETWORKS = ""
T = TypeVar("T")


def loaded_version() -> Version | None:
    """The database's version when it holds at least one practice month, else None."""
    version = database_version()
    if version is None:
        return None
    try:
        found = cached(queries.has_practice_months, version)
    except duckdb.Error as error:  # not a database at all (a corrupt file): say so, never "no data"
        st.error(
            f"The database {plain(version.path)} cannot be read ({plain(str(error).splitlines()[0])}). "
            "Restore it from a backup, or point TRACKER_DB at the tracker's database.",
        )
        st.stop()
    return version if found else None


def choose_view(*, with_network: bool = False) -> tuple[Version, View]:
    """The sidebar filters, restored from the URL; stops the page with advice when there is no data."""
    chosen = view_or_none(with_network=with_network)
    if chosen is None:
        st.info(NO_DATA)
        st.stop()
    return chosen


def view_or_none(*, with_network: bool = False) -> tuple[Version, View] | None:
    """Like choose_view, but None when there is no data, for a page that works without it."""
    version = loaded_version()
    if version is None:
        return None
    areas = cached(queries.areas, version)
    names = area_names(areas)
    # an area that closed is not offered (its practices are under the area that took them), unless
    # tracker returns keep its own history; its last practices are counted under its successor in every month
    offered = areas[areas["closed_on"].isna() | areas["has_tracker"].fillna(False).astype(bool)]
    regions = _groups(offered, "region")
    icbs = _groups(offered, "icb")
    searchable = _searchable(offered, "region")
    chosen_regions = _choose_many("region", "Regions", regions, "Every region", searchable)
    if chosen_regions:
        areas = areas[areas["region_code"].isin(chosen_regions)]
        offered = offered[offered["region_code"].isin(chosen_regions)]
        icbs = {code: label for code, label in icbs.items() if code in set(offered["icb_code"])}
    chosen_icbs = _choose_many("icb", "ICBs", icbs, "Every ICB", _searchable(offered, "icb"))
    if chosen_icbs:
        areas = areas[areas["icb_code"].isin(chosen_icbs)]
        offered = offered[offered["icb_code"].isin(chosen_icbs)]
    options = {code: names[code] for code in offered["ccg_code"]}
    chosen_areas = _choose_many(
        "ccg", "Areas (CCG or sub-ICB location)", options, "Every area", taken_over=_taken_over(areas, names)
    )
    codes = tuple(chosen_areas or areas["ccg_code"])
    months = [m.strftime("%Y-%m") for m in cached(queries.months, version, codes)]
    month = first_day(_choose_month(months))
    every_area = not (chosen_regions or chosen_icbs or chosen_areas)
    said = {c: label.split(", formerly ")[0] for c, label in {**regions, **icbs}.items()}  # today's name
    chosen = tuple([said[c] for c in chosen_regions] + [said[c] for c in chosen_icbs])
    chosen += tuple(options[c] for c in chosen_areas)
    if len(codes) > 1 and not every_area:
        closed = dict(zip(areas["ccg_code"], areas["closed_on"], strict=True))
        still_open = tuple(
            c for c in codes if pd.isna(closed.get(c)) or pd.Timestamp(month) <= pd.Timestamp(closed[c])
        )
        _warn_of_areas_without(version, still_open, month, names)
    view = cached(view_for, version, codes, month, every_area, chosen)
    if with_network:
        view = _with_network(version, view)
    as_at = cached(queries.data_as_at, version, codes).iloc[0]
    newest_of_each = source_dates_text(cached(queries.source_dates, version, codes))
    st.caption(
        f"Showing **{month_name(view.month)}** for **{plain(view.scope)}**. "
        + data_as_at_text(as_at, view.scope, escape=plain)
        + (f" {plain(newest_of_each)}" if newest_of_each else "")
    )
    return version, view


def _warn_of_areas_without(
    version: Version, codes: tuple[str, ...], month: date, names: dict[str, str]
) -> None:
    """Name the chosen areas with no data in the month: their figures are not in it, nor projected."""
    with_data = set(cached(queries.areas_in_month, version, codes, month))
    without = [names.get(code, code) for code in codes if code not in with_data]
    if without:
        verb = "has" if len(without) == 1 else "have"
        st.warning(
            f"{plain(', '.join(without))} {verb} no data for {month_name(month)}, so "
            f"{'its' if len(without) == 1 else 'their'} practices are not in this month's figures "
            "and no projection is made for "
            f"{'it' if len(without) == 1 else 'them'}. Choose an earlier month to see "
            f"{'it' if len(without) == 1 else 'them'}.",
        )


def _groups(areas: pd.DataFrame, kind: str) -> dict[str, str]:
    """ICBs or regions known for the loaded areas: code -> 'Name (CODE)' in today's name (the newest
    file that names it), with the names files gave it before, so that a search by either finds it."""
    known = areas.dropna(subset=[f"{kind}_code"]).drop_duplicates(f"{kind}_code").sort_values(f"{kind}_code")
    return {
        code: group_label(code, name, former)
        for code, name, former in zip(
            known[f"{kind}_code"], known[f"{kind}_name"], known[f"{kind}_former_names"], strict=True
        )
    }


def _searchable(areas: pd.DataFrame, kind: str) -> dict[str, str]:
    """Every name an ICB or region has had (today's as written, as said, and former ones) -> its code."""
    names: dict[str, str] = {}
    for row in areas.dropna(subset=[f"{kind}_code"]).itertuples(index=False):
        code = getattr(row, f"{kind}_code")
        name, former = getattr(row, f"{kind}_name"), getattr(row, f"{kind}_former_names")
        said = [name, group_name(name)] if isinstance(name, str) else []
        said += former.split("; ") if isinstance(former, str) else []
        for text in said:
            names.setdefault(text.strip().upper(), code)
    return names


def _taken_over(areas: pd.DataFrame, names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Closed areas without tracker returns -> (the area that took their practices, the note saying so)."""
    taken: dict[str, tuple[str, str]] = {}
    for code, closed_on, has_tracker, successor in zip(
        areas["ccg_code"], areas["closed_on"], areas["has_tracker"], areas["successor_code"], strict=True
    ):
        if pd.isna(closed_on) or has_tracker or not isinstance(successor, str):
            continue
        became = month_name(pd.Timestamp(closed_on) + pd.Timedelta(days=1))
        note = (
            f"{names.get(code, code)} became part of "
            f"{names.get(successor, successor)} in {became}, so the link opens "
            f"{names.get(successor, successor)}."
        )
        taken[code] = (successor, note)
    return taken


def _choose_many(
    key: str,
    label: str,
    options: dict[str, str],
    placeholder: str,
    also_known_as: dict[str, str] | None = None,
    taken_over: dict[str, tuple[str, str]] | None = None,
) -> list[str]:
    """A searchable multiselect of codes shown as 'Name (CODE)', seeded from the URL; none without options."""
    from_url = _resolve(key, st.query_params.get_all(key), options, also_known_as or {}, taken_over or {})
    if not options:  # no ICB or region is known for the loaded areas: nothing to choose from
        if key in st.query_params:
            del st.query_params[key]
        return []
    return _choose(
        key,
        from_url=from_url,
        default=[],
        valid=lambda value: isinstance(value, list) and set(value) <= set(options),
        widget=lambda: st.sidebar.multiselect(
            label,
            list(options),
            key=key,
            placeholder=placeholder,
            format_func=lambda code: options.get(code, code),
            help="Type a name or a code to search. Leave empty for every one.",
        ),
    )


def _resolve(
    key: str,
    values: list[str],
    options: dict[str, str],
    also_known_as: dict[str, str],
    taken_over: dict[str, tuple[str, str]],
) -> list[str] | None:
    """The link's values as codes (a code or a name, old or new, any case); a closed area's code as
    the area that took its practices, with a note; the rest are named in a warning."""
    if not values or key in st.session_state:
        return None
    by_text = {code.upper(): code for code in options}
    for code, label in options.items():
        by_text.setdefault(label.upper(), code)
        by_text.setdefault(label.rsplit(" (", 1)[0].upper(), code)
    for text, code in also_known_as.items():
        if code in options:
            by_text.setdefault(text, code)
    linked = {value.strip().upper() for value in values}
    for closed, (successor, note) in taken_over.items():
        if successor in options and closed.upper() not in by_text and closed.upper() in linked:
            st.info(plain(note))
            by_text[closed.upper()] = successor
    found = [by_text[v.strip().upper()] for v in values if v.strip().upper() in by_text]
    for value in values:
        if value.strip().upper() not in by_text:
            st.warning(
                f"The link's {key}={plain(value)} matches no loaded "
                f"{'area' if key == 'ccg' else key.upper() if key == 'icb' else key}, so it was ignored.",
            )
    return list(dict.fromkeys(found))


def _choose_month(months: list[str]) -> str:
    linked = st.query_params.get("month")
    if linked is not None and "month" not in st.session_state and linked not in months:
        why = "is not a month (YYYY-MM)" if parse_month(linked) is None else "has no data for this choice"
        st.warning(
            f"The link's month={plain(linked)} {why}, so it was ignored: showing "
            f"{month_name(first_day(months[0]))}, the newest month.",
        )
    return _choose(
        "month",
        from_url=linked,
        default=months[0],
        valid=lambda value: value in months,
        widget=lambda: st.sidebar.selectbox(
            "Month", months, key="month", format_func=lambda m: month_name(first_day(m))
        ),
    )


def _with_network(version: Version, view: View) -> View:
    networks = cached(queries.network_sizes, version, view.areas, view.month)
    names = dict(zip(networks["network_code"], networks["network_name"], strict=True))
    options = [ALL_NETWORKS, *sorted(names, key=lambda code: (str(names[code]), code))]
    linked = st.query_params.get("network")
    if linked is not None and "network" not in st.session_state and linked not in options:
        st.warning(
            f"The link's network={plain(linked)} is no network of this choice in {month_name(view.month)}, "
            "so it was ignored.",
        )
    network = _choose(
        "network",
        from_url=linked,
        default=ALL_NETWORKS,
        valid=lambda value: value in options,
        widget=lambda: st.sidebar.selectbox(
            "Network",
            options,
            key="network",
            format_func=lambda code: "All networks" if code == ALL_NETWORKS else f"{names[code]} ({code})",
        ),
    )
    return View(view.areas, view.month, view.every_area, view.scope, network or None)


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
    in_url = [str(v) for v in value] if isinstance(value, list) else [str(value)] if value else []
    if st.query_params.get_all(key) != in_url:
        if in_url:
            st.query_params[key] = in_url
        else:
            del st.query_params[key]
    return value
