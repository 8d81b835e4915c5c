"""The README cannot drift from the code: every command and page it should mention, it does."""

from __future__ import annotations

import re
from pathlib import Path

from etl.cli import COMMANDS

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text()


def test_every_cli_command_is_in_the_readme() -> None:
    for command in COMMANDS:
        assert f"python -m etl {command}" in README, command


def test_the_readme_first_screen_gives_exactly_the_two_set_up_commands() -> None:
    first_screen = README.split("\n## ")[0]
    assert re.findall(r"^make \w+$", first_screen, flags=re.M) == ["make run", "make test"]


def test_every_make_target_in_the_readme_exists() -> None:
    makefile = (REPO / "Makefile").read_text()
    for target in set(re.findall(r"\bmake (\w+)", README)):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target


def test_every_dashboard_page_is_in_the_readme_and_the_router() -> None:
    pages = sorted((REPO / "dashboard" / "pages").glob("*.py"))
    router = (REPO / "dashboard" / "app.py").read_text()
    for page in pages:
        assert f"pages/{page.name}" in router, page.name
        title = page.stem.replace("_", " ").capitalize()
        assert title.lower() in README.lower(), title
