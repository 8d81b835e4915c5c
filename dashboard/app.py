"""The dashboard's front door, a router over one script per page: python -m streamlit run dashboard/app.py"""

import sys
from pathlib import Path

import streamlit as st

# `streamlit run` and AppTest put dashboard/ on the path, not the repository root that holds etl/.
ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from dashboard.auth import may_see_the_tracker, sign_in_page  # noqa: E402 (needs the path above)

st.set_page_config(page_title="GP network tracker", page_icon=":material/hub:", layout="wide")
pages = {
    "Tracker": [
        st.Page("pages/progress.py", title="Progress", icon=":material/trending_up:", default=True),
        st.Page("pages/needing_support.py", title="Practices needing support", icon=":material/support:"),
        st.Page("pages/networks.py", title="Networks", icon=":material/hub:"),
        st.Page("pages/milestones.py", title="Milestones", icon=":material/flag:"),
        st.Page("pages/changes.py", title="Changes", icon=":material/swap_horiz:"),
    ],
    "Data": [st.Page("pages/data.py", title="Data", icon=":material/database:")],
}
if not may_see_the_tracker():
    pages = {"": [st.Page(sign_in_page, title="Sign in", icon=":material/login:")]}
st.navigation(pages).run()
