"""Optional sign-in: open for local use; with an OIDC provider, nothing for strangers, loading for editors."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.test_page_data import GOOD_FILE

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a test secret",
    "client_id": "tracker",
    "client_secret": "not a real secret",
    "server_metadata_url": "https://login.example.nhs.uk/.well-known/openid-configuration",
}
EDITOR = "lead@nhs.net"


def with_sign_in(at: AppTest, user: dict) -> AppTest:
    at.secrets["auth"] = AUTH
    at.secrets["tracker"] = {"editors": [EDITOR.upper()]}
    at.user = user
    return at


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
            at.switch_page(f"pages/{page}.py").run()

    assert not at.exception
    assert [t.value for t in at.title] == ["GP network tracker"]
    assert at.button(key="sign_in").label == "Sign in"
    assert not at.metric and not at.dataframe


def test_a_signed_in_user_sees_the_tracker_and_who_they_are(app: AppTest) -> None:
    at = with_sign_in(app, {"is_logged_in": True, "email": "someone@nhs.net"}).run()

    assert not at.exception
    assert at.title[0].value == "Progress"
    assert "Signed in as someone@nhs.net" in [c.value for c in at.sidebar.caption]
    assert at.sidebar.button(key="sign_out").label == "Sign out"


def check_clean_file(at: AppTest) -> AppTest:
    at.run()
    at.switch_page("pages/data.py").run()
    at.file_uploader(key="check_file").upload("status_2019-03.csv", GOOD_FILE.encode(), "text/csv")
    return at.run()


def test_a_signed_in_user_who_is_not_an_editor_may_check_but_not_load(app: AppTest) -> None:
    at = check_clean_file(with_sign_in(app, {"is_logged_in": True, "email": "someone@nhs.net"}))

    assert at.success[-1].value == "OK, 2 rows of participation for 2019-03, CCG 01A."
    assert not [b for b in at.button if b.key == "load_checked_file"]
    assert at.info[-1].value == (
        "Only the tracker's editors may load files. Send the file to your tracker's editor."
    )


def test_an_editor_may_load_a_checked_file(app: AppTest) -> None:
    at = check_clean_file(with_sign_in(app, {"is_logged_in": True, "email": EDITOR}))

    assert at.button(key="load_checked_file").label == "Load it"
