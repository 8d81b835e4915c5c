"""Optional sign-in: open for local use; with an OIDC provider, nothing for strangers, loading for editors."""

import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.navigation import PAGE_FOLDER
from tests.dashboard.helpers import GOOD_FILE

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a test secret",
    "client_id": "tracker",
    "client_secret": "not a real secret",
    "server_metadata_url": "https://login.example.nhs.uk/.well-known/openid-configuration",
}
EDITOR = "lead@nhs.net"


pytestmark = pytest.mark.usefixtures("secrets_file")


def with_sign_in(at: AppTest, user: dict, **tracker: object) -> AppTest:
    at.secrets["auth"] = AUTH
    at.secrets["tracker"] = {"editors": [EDITOR.upper()], **tracker}
    at.user = user
    return at


def as_seen(markdown: str) -> str:
    """What a reader sees of text that was escaped to show as written: 'a\\.b' -> 'a.b'."""
    return re.sub(r"\\(.)", r"\1", markdown)


def shows_nothing_of_the_tracker(at: AppTest) -> bool:
    return not at.metric and not at.dataframe and not at.sidebar.selectbox and not at.sidebar.multiselect


def test_without_sign_in_configured_the_tracker_is_open(app: AppTest) -> None:
    at = app.run()

    assert not at.exception
    assert at.title[0].value == "Progress"
    assert not [b for b in at.button if b.key == "sign_in"]


@pytest.mark.parametrize("page", ["progress", "data", "needing_support"])
def test_with_sign_in_configured_a_stranger_sees_only_the_sign_in_page(app: AppTest, page: str) -> None:
    at = with_sign_in(app, {"is_logged_in": False})
    at.query_params["ccg"] = "01A"
    at.run()
    if page != "progress":
        with pytest.raises(ValueError, match=r"Known pages: \['Sign in'\]"):  # not even navigable
            at.switch_page(f"{PAGE_FOLDER}/{page}.py").run()

    assert not at.exception
    assert [t.value for t in at.title] == ["GP network tracker"]
    assert at.button(key="sign_in").label == "Sign in"
    assert not at.metric and not at.dataframe


def test_a_signed_in_user_sees_the_tracker_and_who_they_are(app: AppTest) -> None:
    at = with_sign_in(app, {"is_logged_in": True, "email": "someone@nhs.net"}).run()

    assert not at.exception
    assert at.title[0].value == "Progress"
    assert "Signed in as someone@nhs.net" in [as_seen(c.value) for c in at.sidebar.caption]
    assert at.sidebar.button(key="sign_out").label == "Sign out"


def check_clean_file(at: AppTest) -> AppTest:
    at.run()
    at.switch_page(f"{PAGE_FOLDER}/data.py").run()
    at.file_uploader(key="check_file").upload("status_2019-03.csv", GOOD_FILE.encode(), "text/csv")
    return at.run()


def test_a_signed_in_user_who_is_not_an_editor_may_check_but_not_load(app: AppTest) -> None:
    at = check_clean_file(with_sign_in(app, {"is_logged_in": True, "email": "someone@nhs.net"}))

    assert as_seen(at.success[-1].value) == "OK, 2 rows of participation for March 2019, CCG 01A."
    assert not [b for b in at.button if b.key == "load_checked_file"]
    assert as_seen(at.info[-1].value) == (
        "Only the tracker's editors may load files. Send the file to your tracker's editor."
    )


def test_an_editor_may_load_a_checked_file(app: AppTest) -> None:
    at = check_clean_file(with_sign_in(app, {"is_logged_in": True, "email": EDITOR}))

    assert at.button(key="load_checked_file").label == "Load it"


def test_a_secrets_file_with_a_typo_closes_the_dashboard(app: AppTest, secrets_file: Path) -> None:
    secrets_file.parent.mkdir()
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://localhost:8501/oauth2callback"\n'
        'cookie_secret = "a test secret"\n'
        "\n"
        "[tracker]\n"
        'editors = ["lead@nhs.net]\n',  # the closing quote is missing
        encoding="utf-8",
    )

    at = app.run()

    assert not at.exception
    assert [e.value for e in at.error] == [
        f"The dashboard is closed: the settings file {secrets_file} cannot be read "
        "(Illegal character '\\n' (at line 6, column 26)). Until it is fixed nobody can see the tracker."
    ]
    assert [t.value for t in at.title] == ["GP network tracker"]
    assert shows_nothing_of_the_tracker(at) and not at.button  # no sign-in, no loading


def test_a_secrets_file_without_sign_in_leaves_the_tracker_open(app: AppTest, secrets_file: Path) -> None:
    secrets_file.parent.mkdir()
    secrets_file.write_text('[other]\nkey = "value"\n', encoding="utf-8")

    at = app.run()

    assert not at.exception and not at.error
    assert at.title[0].value == "Progress"


@pytest.mark.parametrize("setting", ["editors", "viewers"])
def test_a_list_written_as_a_string_is_an_error_not_a_lock_out(app: AppTest, setting: str) -> None:
    at = with_sign_in(app, {"is_logged_in": True, "email": EDITOR}, **{setting: EDITOR}).run()

    assert not at.exception
    assert [e.value for e in at.error] == [
        f"The dashboard is closed: {setting} in [tracker] of secrets.toml must be a list in brackets, "
        f'e.g. {setting} = ["lead@nhs.net"]. Until it is fixed nobody can see the tracker.'
    ]
    assert [t.value for t in at.title] == ["GP network tracker"]
    assert shows_nothing_of_the_tracker(at)


@pytest.mark.parametrize("email", ["board.secretary@nhs.net", "someone@NHS.NET", EDITOR])
def test_listed_viewers_a_listed_domain_and_editors_see_the_tracker(app: AppTest, email: str) -> None:
    viewers = ["Board.Secretary@nhs.net", "nhs.net"] if email != EDITOR else ["board.secretary@nhs.net"]
    at = with_sign_in(app, {"is_logged_in": True, "email": email}, viewers=viewers).run()

    assert not at.exception
    assert at.title[0].value == "Progress"


def test_an_account_that_is_not_a_viewer_sees_why_and_nothing_else(app: AppTest) -> None:
    user = {"is_logged_in": True, "email": "stranger@gmail.com"}
    at = with_sign_in(app, user, viewers=["board.secretary@nhs.net", "nhs.net"]).run()

    assert not at.exception
    assert [t.value for t in at.title] == ["GP network tracker"]
    assert [as_seen(e.value) for e in at.error] == [
        "stranger@gmail.com is not among the tracker's viewers. Ask the tracker's editor to add you."
    ]
    assert at.button(key="sign_out").label == "Sign out"
    assert shows_nothing_of_the_tracker(at)


@pytest.mark.parametrize("verified", [False, "false"])
def test_an_email_the_provider_has_not_verified_is_refused(app: AppTest, verified: object) -> None:
    at = with_sign_in(app, {"is_logged_in": True, "email": EDITOR, "email_verified": verified}).run()

    assert not at.exception
    assert [t.value for t in at.title] == ["GP network tracker"]
    assert as_seen(at.error[0].value) == (
        "Your sign-in provider has not verified the email address lead@nhs.net, so it cannot be used here."
    )
    assert shows_nothing_of_the_tracker(at)


def test_no_page_script_lives_where_streamlit_would_run_it_without_the_router() -> None:
    # Streamlit runs dashboard/pages/<x>.py directly for a fresh server's first deep link (legacy
    # multipage mode), passing by app.py and its sign-in; test_browser shows the deep link closed.
    dashboard = Path(__file__).resolve().parents[2] / "dashboard"
    assert not (dashboard / "pages").exists()
    assert sorted(p.name for p in (dashboard / PAGE_FOLDER).glob("*.py")) == [
        "changes.py",
        "data.py",
        "map.py",
        "milestones.py",
        "needing_support.py",
        "networks.py",
        "progress.py",
    ]


def test_a_verified_email_is_let_in(app: AppTest) -> None:
    at = with_sign_in(app, {"is_logged_in": True, "email": EDITOR, "email_verified": True}).run()

    assert not at.exception
    assert at.title[0].value == "Progress"


# --- fail closed: sign-in settings present but not complete and readable (issue 19 item 4) ------

CLOSED = "The dashboard is closed: {} Until it is fixed nobody can see the tracker."
AUTH_TOML = "[auth]\n" + "".join(f'{key} = "{value}"\n' for key, value in AUTH.items())
TRACKER_TOML = '[tracker]\neditors = ["lead@nhs.net"]\n'


def shows_only(at: AppTest, problem: str) -> None:
    """The closed page, saying `problem`, and nothing of the tracker; no exception for a visitor."""
    assert not at.exception
    assert [e.value for e in at.error] == [CLOSED.format(problem)]
    assert [t.value for t in at.title] == ["GP network tracker"]
    assert shows_nothing_of_the_tracker(at) and not at.button


def test_a_secrets_file_that_is_a_dangling_link_closes_the_dashboard(
    app: AppTest, secrets_file: Path
) -> None:
    secrets_file.parent.mkdir()
    secrets_file.symlink_to(secrets_file.parent / "mounted" / "secrets.toml")  # an unmounted secret

    shows_only(
        app.run(),
        f"the settings file {secrets_file} is a link to {secrets_file.parent / 'mounted' / 'secrets.toml'}, "
        "which does not exist.",
    )


def test_a_secrets_path_that_is_a_folder_closes_the_dashboard(app: AppTest, secrets_file: Path) -> None:
    secrets_file.mkdir(parents=True)
    (secrets_file / "auth").write_text("client_id\n")

    shows_only(app.run(), f"the settings file {secrets_file} is a folder, not a file.")


def test_tracker_settings_without_an_auth_section_close_the_dashboard(
    app: AppTest, secrets_file: Path
) -> None:
    secrets_file.parent.mkdir()
    secrets_file.write_text(TRACKER_TOML, encoding="utf-8")

    shows_only(
        app.run(),
        f"{secrets_file} has a [tracker] section but no [auth] section, so nobody could be signed in.",
    )


@pytest.mark.parametrize("section", ["Auth", "AUTH", "Tracker"])
def test_a_section_in_the_wrong_case_closes_the_dashboard(
    app: AppTest, secrets_file: Path, section: str
) -> None:
    secrets_file.parent.mkdir()
    text = AUTH_TOML + TRACKER_TOML
    secrets_file.write_text(text.replace(f"[{section.lower()}]", f"[{section}]"), encoding="utf-8")

    shows_only(
        app.run(),
        f"{secrets_file} has a section [{section}], which must be written [{section.lower()}] in lower case.",
    )


@pytest.mark.parametrize("missing", list(AUTH))
def test_an_auth_section_without_a_setting_it_needs_closes_the_dashboard(
    app: AppTest, secrets_file: Path, missing: str
) -> None:
    secrets_file.parent.mkdir()
    lines = (AUTH_TOML + TRACKER_TOML).splitlines()
    text = "".join(line + "\n" for line in lines if not line.startswith(missing))
    secrets_file.write_text(text, encoding="utf-8")

    shows_only(app.run(), f"[auth] in {secrets_file} has no {missing}, which signing in needs.")


def test_a_provider_section_instead_of_the_auth_settings_closes_the_dashboard(
    app: AppTest, secrets_file: Path
) -> None:
    """The dashboard signs in with [auth]'s own provider; [auth.microsoft] alone would never be asked."""
    secrets_file.parent.mkdir()
    provider = ("client_id", "client_secret", "server_metadata_url")
    text = "[auth]\n" + "".join(f'{key} = "{value}"\n' for key, value in AUTH.items() if key not in provider)
    text += "[auth.microsoft]\n" + "".join(f'{key} = "{AUTH[key]}"\n' for key in provider)
    secrets_file.write_text(text + TRACKER_TOML, encoding="utf-8")

    shows_only(app.run(), f"[auth] in {secrets_file} has no client_id, which signing in needs.")


def test_a_secrets_file_that_is_a_named_pipe_closes_the_dashboard_without_waiting(
    app: AppTest, secrets_file: Path
) -> None:
    secrets_file.parent.mkdir()
    os.mkfifo(secrets_file)

    shows_only(app.run(timeout=30), f"the settings file {secrets_file} is not a regular file.")


def test_complete_settings_written_in_a_file_leave_the_dashboard_open_to_sign_in(
    app: AppTest, secrets_file: Path
) -> None:
    secrets_file.parent.mkdir()
    secrets_file.write_text(AUTH_TOML + TRACKER_TOML, encoding="utf-8")

    at = app.run()

    assert not at.exception and not at.error  # not closed (AppTest gives pages its own st.secrets)
