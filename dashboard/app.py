"""The dashboard's front door, a router over one script per page: python -m streamlit run dashboard/app.py"""

import streamlit as st

from dashboard import navigation
from dashboard.auth import (
    closed_page,
    may_see_the_tracker,
    secrets_problem,
    show_who_is_signed_in,
    sign_in_page,
)

# The tab's icon is an emoji, which Streamlit draws as an inline picture: a Material icon would be fetched
# from Google's font server, which an NHS machine often cannot reach; nothing on a page leaves this server
st.set_page_config(page_title="GP network tracker", page_icon="🩺", layout="wide")
# every branch goes through st.navigation, so no address ever reaches a page script any other way
if secrets_problem() is not None:  # fail closed: unreadable sign-in settings open nothing
    navigation.run({"": [st.Page(closed_page, title="Closed")]})
elif not may_see_the_tracker():
    navigation.run({"": [st.Page(sign_in_page, title="Sign in")]})
else:
    navigation.run(navigation.tracker_pages(), sidebar_end=show_who_is_signed_in)
