"""Optional sign-in. With an OIDC provider configured in .streamlit/secrets.toml the dashboard
shows nothing to anyone not signed in, and only the editors listed there may load files.
Without that configuration it runs open, for local use.

    # .streamlit/secrets.toml
    [auth]
    redirect_uri = "https://tracker.example.nhs.uk/oauth2callback"
    cookie_secret = "a long random string"
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration"

    [tracker]
    editors = ["primary.care.lead@nhs.net"]
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False  # no secrets.toml at all: local use


def signed_in_email() -> str | None:
    """The signed-in person's email, lower case; None when nobody is signed in."""
    if not st.user.get("is_logged_in", False):
        return None
    return str(st.user.get("email", "")).strip().lower() or None


def editors() -> set[str]:
    listed = st.secrets.get("tracker", {}).get("editors", [])
    return {str(email).strip().lower() for email in listed}


def may_see_the_tracker() -> bool:
    """True locally; with sign-in configured, only once signed in (the sidebar then says who)."""
    if not sign_in_configured():
        return True
    email = signed_in_email()
    if email is not None:
        with st.sidebar:
            st.caption(f"Signed in as {email}")
            st.button("Sign out", key="sign_out", on_click=st.logout)
    return email is not None


def sign_in_page() -> None:
    """The only page anyone not signed in can reach, whatever address they open."""
    st.title("GP network tracker")
    st.write("Sign in with your organisation account to see the tracker.")
    st.button("Sign in", key="sign_in", type="primary", on_click=st.login)


def may_load_files() -> bool:
    """Anyone may load locally; with sign-in, only the editors listed in secrets.toml."""
    if not sign_in_configured():
        return True
    return signed_in_email() in editors()
