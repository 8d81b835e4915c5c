"""The dashboard's front door, a router over one script per page: python -m streamlit run dashboard/app.py"""

import streamlit as st

from dashboard import navigation
from dashboard.auth import (
    may_see_the_tracker,
    show_who_is_signed_in,
    sign_in_page,
    stop_unless_secrets_readable,
)

st.set_page_config(page_title="GP network tracker", page_icon=":material/hub:", layout="wide")
stop_unless_secrets_readable()
pages = navigation.tracker_pages()
if not may_see_the_tracker():
    pages = {"": [st.Page(sign_in_page, title="Sign in", icon=":material/login:")]}
navigation.run(pages, sidebar_end=show_who_is_signed_in)
