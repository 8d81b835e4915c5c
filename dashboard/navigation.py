"""The dashboard's pages and the sidebar links between them.

Streamlit's own sidebar navigation puts its section headings inside the list of links, which screen
readers cannot follow (axe: `list`, `listitem`). So the framework's navigation is hidden and the links
are drawn here: one plain link per page, each section's name as text above its links. A link keeps the
chosen areas and month, so moving between pages keeps the view.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.navigation.page import StreamlitPage

# The page scripts' folder. Never `pages`: Streamlit runs a script in a folder of that name directly
# (its legacy multipage mode) for a deep link opened before any session has called st.navigation,
# so the first visitor of a fresh server would pass by app.py and its sign-in.
PAGE_FOLDER = "screens"

# the URL parameters that choose the view on every page (SPEC 5); a page's own ones stay behind
SHARED_FILTERS = ("ccg", "icb", "region", "month")
# Keyboard focus drawn as a thick outline in the theme's blue on every control and link (WCAG 2.4.7);
# a multiselect's text box keeps at least 24px to type in beside a long chosen name (WCAG 2.5.8).
PAGE_STYLE = """
<style>
a:focus-visible, button:focus-visible, input:focus-visible, [role="button"]:focus-visible,
[role="tab"]:focus-visible, [role="combobox"]:focus-visible, summary:focus-visible,
[tabindex]:focus-visible {
  outline: 3px solid #005EB8 !important;
  outline-offset: 2px !important;
}
[data-testid="stMultiSelect"] input { min-width: 24px !important; }
/* a chosen region, ICB or area shows its whole name in the sidebar, wrapped, never cut with "…" */
[data-testid="stSidebar"] [data-tag] { height: auto !important; max-width: 100% !important; }
[data-testid="stSidebar"] [data-tag] > span[title] {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  max-width: none !important;
}
</style>
"""


def tracker_pages() -> dict[str, list[StreamlitPage]]:
    """Every page of the tracker by section, Progress first (the page a bare address opens)."""
    folder = PAGE_FOLDER
    return {
        "Tracker": [
            st.Page(f"{folder}/progress.py", title="Progress", default=True),
            st.Page(f"{folder}/needing_support.py", title="Practices needing support"),
            st.Page(f"{folder}/map.py", title="Map"),
            st.Page(f"{folder}/networks.py", title="Networks"),
            st.Page(f"{folder}/milestones.py", title="Milestones"),
            st.Page(f"{folder}/changes.py", title="Changes"),
        ],
        "Data": [st.Page(f"{folder}/data.py", title="Data")],
    }


def run(pages: dict[str, list[StreamlitPage]], sidebar_end: Callable[[], None] | None = None) -> None:
    """Route to the page asked for, with the links to every page (then `sidebar_end`) in the sidebar."""
    current = st.navigation(pages, position="hidden")
    st.html(PAGE_STYLE)
    if sum(len(section) for section in pages.values()) > 1:
        show_links(pages)
    if sidebar_end is not None:
        sidebar_end()
    current.run()


def show_links(pages: dict[str, list[StreamlitPage]]) -> None:
    """A link per page in the sidebar, under its section's name, carrying the chosen areas and month."""
    carried = {key: st.query_params.get_all(key) for key in SHARED_FILTERS if key in st.query_params}
    with st.sidebar:
        for section, section_pages in pages.items():
            st.markdown(f"**{section}**")
            for page in section_pages:
                st.page_link(page, label=page.title, icon=page.icon or None, query_params=carried)
        st.divider()
