"""Optional sign-in. With an OIDC provider configured in .streamlit/secrets.toml the dashboard
shows nothing to anyone not signed in, and only the editors listed there may load files.
Without a secrets file it runs open, for local use. Settings that are there but not complete and
readable close the dashboard, with the reason for whoever runs it (Streamlit would report most of
them as absent, which would open it to everyone): a file that cannot be read, a link to nothing (an
unmounted secret), a folder, [tracker] without [auth], [Auth] for [auth], a setting [auth] needs missing.

    # .streamlit/secrets.toml
    [auth]
    redirect_uri = "https://tracker.example.nhs.uk/oauth2callback"
    cookie_secret = "a long random string"
    client_id = "..."
    client_secret = "..."
    server_metadata_url = "https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration"

    [tracker]
    editors = ["primary.care.lead@nhs.net"]          # may load files (and see the tracker)
    viewers = ["board.secretary@nhs.net", "nhs.net"]  # optional: emails or whole domains that may see it

An editor may be given only some areas, whose returns alone they may load (sub-ICB, ICB or region codes):
    editors = ["primary.care.lead@nhs.net", { email = "doncaster.lead@nhs.net", areas = ["02X"] }]
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from dashboard.plain import plain

LISTS = ("editors", "viewers")  # the [tracker] settings that are lists of emails (viewers: or domains)
UNTIL_FIXED = "Until it is fixed nobody can see the tracker."
SECTIONS = ("auth", "tracker")  # the sections of secrets.toml this module reads
AUTH_SETTINGS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")


class SecretsUnreadable(Exception):
    """The secrets file exists but cannot be trusted; its message is shown to every visitor."""


def secrets_files() -> list[Path]:
    """The secrets files Streamlit reads (its `secrets.files` option) that are there in any form:
    a link to nothing (an unmounted secret) or a folder is there, and keeps the dashboard closed."""
    return [Path(p) for p in st.config.get_option("secrets.files") if os.path.lexists(p)]


def secrets_problem() -> str | None:
    """Why the dashboard must stay closed, or None when the secrets (or their absence) are fine.

    Fail closed: settings that are there but not complete and readable close it, whatever is
    wrong with them, and what is wrong is said here, never raised at a visitor.
    """
    try:
        for path in secrets_files():
            _sign_in_settings_problem(path, _read_toml(path))
        _sign_in_settings_problem("the secrets", _secrets_as_read())
        _tracker_lists()
    except SecretsUnreadable as problem:
        return f"The dashboard is closed: {problem} {UNTIL_FIXED}"
    except Exception as error:  # whatever Streamlit raises reading them
        reason = f"{type(error).__name__}: {error}"
        return f"The dashboard is closed: its settings cannot be read ({reason}). {UNTIL_FIXED}"
    return None


def _secrets_as_read() -> dict[str, Any]:
    """The settings as Streamlit holds them (from the files, or as a test gives them)."""
    try:
        return st.secrets.to_dict()
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        if secrets_files():
            raise
        return {}  # no secrets at all: local use


def _sign_in_settings_problem(where: Path | str, settings: dict[str, Any]) -> None:
    """SecretsUnreadable when sign-in is asked for but could not work: a section of ours in the
    wrong case, editors or viewers without [auth], or [auth] without a setting it needs."""
    for name in settings:
        if name.lower() in SECTIONS and name != name.lower():
            raise SecretsUnreadable(
                f"{where} has a section [{name}], which must be written [{name.lower()}] in lower case."
            )
    if "tracker" in settings and "auth" not in settings:
        raise SecretsUnreadable(
            f"{where} has a [tracker] section but no [auth] section, so nobody could be signed in."
        )
    auth = settings.get("auth")
    if auth is None:
        return
    if not isinstance(auth, dict):
        raise SecretsUnreadable(f"auth in {where} must be a section, [auth].")
    for key in AUTH_SETTINGS:  # the app signs in with st.login(): the provider of [auth] itself
        if not _filled(auth.get(key)):
            raise SecretsUnreadable(f"[auth] in {where} has no {key}, which signing in needs.")


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def closed_page() -> None:
    """The only page while the secrets cannot be read: what is wrong, and nothing else."""
    st.title("GP network tracker")
    st.error(secrets_problem() or "The dashboard is closed.")


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise SecretsUnreadable(
            f"the settings file {path} is a link to {os.readlink(path)}, which does not exist."
        )
    if path.is_dir():
        raise SecretsUnreadable(f"the settings file {path} is a folder, not a file.")
    if not path.is_file():  # a named pipe would keep every visitor waiting
        raise SecretsUnreadable(f"the settings file {path} is not a regular file.")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise SecretsUnreadable(f"the settings file {path} cannot be read ({error}).") from error


def sign_in_configured() -> bool:
    """True when secrets.toml has an [auth] section; False without any secrets file (local use)."""
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError as error:
        if secrets_files():  # a file is there but Streamlit cannot read it: never run open
            raise SecretsUnreadable(
                f"the settings in {secrets_files()[0]} cannot be read ({error})."
            ) from error
        return False


def _tracker_lists() -> dict[str, set[str]]:
    """editors and viewers from [tracker], lower case; a value that is not a list of text is an error."""
    if not sign_in_configured():
        return {name: set() for name in LISTS}
    tracker = st.secrets.get("tracker", {})
    lists: dict[str, set[str]] = {}
    for name in LISTS:
        value = _editor_emails(tracker.get(name, [])) if name == "editors" else tracker.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            example = f'{name} = ["lead@nhs.net"]'
            raise SecretsUnreadable(
                f"{name} in [tracker] of secrets.toml must be a list in brackets, e.g. {example}."
            )
        lists[name] = {item.strip().lower() for item in value if item.strip()}
    return lists


def editors() -> set[str]:
    return _tracker_lists()["editors"]


def signed_in_email() -> str | None:
    """The signed-in person's email, lower case; None when nobody is signed in."""
    if not st.user.get("is_logged_in", False):
        return None
    return str(st.user.get("email", "")).strip().lower() or None


def refusal(email: str) -> str | None:
    """Why a signed-in account may not see the tracker, or None when it may."""
    # the provider says so (some send the claim as text); absent means the provider does not say
    if str(st.user.get("email_verified", "")).strip().lower() == "false":
        return f"Your sign-in provider has not verified the email address {email}, so it cannot be used here."
    lists = _tracker_lists()
    viewers = lists["viewers"]
    if not viewers or email in lists["editors"] or email in viewers or email.rsplit("@", 1)[-1] in viewers:
        return None
    return f"{email} is not among the tracker's viewers. Ask the tracker's editor to add you."


def may_see_the_tracker() -> bool:
    """True locally; with sign-in configured, only a signed-in account with a verified, listed email."""
    if not sign_in_configured():
        return True
    email = signed_in_email()
    return email is not None and refusal(email) is None


def show_who_is_signed_in() -> None:
    """The sidebar's 'Signed in as …' and a sign-out button, once someone is let in (a refused account
    gets its sign-out button on the sign-in page, beside the reason)."""
    if sign_in_configured() and may_see_the_tracker() and (email := signed_in_email()) is not None:
        with st.sidebar:
            st.caption(f"Signed in as {plain(email)}")
            st.button("Sign out", key="sign_out", on_click=st.logout)


def sign_in_page() -> None:
    """The only page anyone not allowed in can reach, whatever address they open."""
    st.title("GP network tracker")
    email = signed_in_email()
    if email is None:
        st.write("Sign in with your organisation account to see the tracker.")
        st.button("Sign in", key="sign_in", type="primary", on_click=st.login)
        return
    st.error(plain(refusal(email) or "You may not see the tracker."))
    st.button("Sign out", key="sign_out", on_click=st.logout)


def may_load_files() -> bool:
    """Anyone may load locally; with sign-in, only the editors listed in secrets.toml."""
    if not sign_in_configured():
        return True
    email = signed_in_email()
    return email is not None and refusal(email) is None and email in editors()


# --- editors for their own areas --------------------------------------------------------------

EDITOR_WITH_AREAS = '{ email = "doncaster.lead@nhs.net", areas = ["02X"] }'


def _editor_entries(value: object) -> list[tuple[str, set[str] | None]]:
    """[tracker] editors as (email, areas): a plain email may load any area (None); a table names
    the areas (sub-ICB, ICB or region codes) whose returns that editor alone may load."""
    if not isinstance(value, list):
        return []  # _tracker_lists says what is wrong with it
    entries: list[tuple[str, set[str] | None]] = []
    for item in value:
        if isinstance(item, str):
            entries.append((item.strip().lower(), None))
            continue
        if not isinstance(item, Mapping):
            raise SecretsUnreadable(_editor_format())
        email, areas = item.get("email"), item.get("areas")
        if set(item) != {"email", "areas"} or not isinstance(email, str) or not email.strip():
            raise SecretsUnreadable(_editor_format())
        if (
            not isinstance(areas, list)
            or not areas
            or not all(isinstance(a, str) and a.strip() for a in areas)
        ):
            raise SecretsUnreadable(_editor_format())
        entries.append((email.strip().lower(), {area.strip().upper() for area in areas}))
    return entries


def _editor_format() -> str:
    return (
        "each of the editors in [tracker] of secrets.toml must be an email, or an email with the areas "
        f"whose returns that editor may load, e.g. {EDITOR_WITH_AREAS}."
    )


def _editor_emails(value: object) -> object:
    """The editors' emails, for the lists of _tracker_lists (a value that is no list is left as it is)."""
    if not isinstance(value, list):
        return value
    return [email for email, _ in _editor_entries(value)]


def editor_areas(email: str) -> set[str] | None:
    """The areas whose returns an editor may load; None for any area (an editor given as a plain
    email, or no sign-in at all)."""
    if not sign_in_configured():
        return None
    editors = st.secrets.get("tracker", {}).get("editors", [])
    entries = [areas for listed, areas in _editor_entries(editors) if listed == email]
    if not entries:
        return set()  # not an editor: no area (may_load_files keeps them from loading anyway)
    if any(areas is None for areas in entries):
        return None
    return set().union(*(areas for areas in entries if areas is not None))
