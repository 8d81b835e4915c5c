"""The README and CHANGELOG cannot drift from the code: every command, option, page, view and target."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl.cli import main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
CHANGELOG = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
# SPEC 4: the views (and the one table) analysts query directly, whose columns are never renamed
INTERFACE = (
    "practice_status",
    "milestones",
    "loads",
    "official_practices",
    "network_membership",
    "official_coverage",
    "areas",
    "practice_months",
)


def code_lines(markdown: str) -> list[str]:
    """Every line inside a fenced code block, as a reader would copy it."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def section(markdown: str, heading: str) -> str:
    """The text under `## heading`, up to the next heading of that level."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", markdown, flags=re.M | re.S)
    assert found, f"README has no section '## {heading}'"
    return found.group(1)


@functools.cache
def etl_help(*command: str) -> str:
    """What `python -m etl [COMMAND] --help` prints."""
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown), pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    return shown.getvalue()


def cli_commands() -> list[str]:
    """The subcommands `python -m etl --help` lists, one per indented line under COMMAND."""
    commands = re.findall(r"^ {4}([a-z][\w-]*)\s", etl_help(), flags=re.M)
    assert {"load", "check", "template"} <= set(commands), commands
    return commands


def test_every_cli_command_is_run_in_a_readme_code_block() -> None:
    commands = code_lines(README)
    for command in cli_commands():
        pattern = rf"^\.venv/bin/python -m etl {command}(\s|$)"
        assert any(re.match(pattern, line) for line in commands), command


def test_every_option_of_every_cli_command_is_on_its_readme_line_and_no_other() -> None:
    lines = code_lines(README)
    for command in cli_commands():
        options = set(re.findall(r"(?<![\w-])(--[a-z][\w-]*)", etl_help(command))) - {"--help"}
        shown = " ".join(line for line in lines if re.match(rf"^\.venv/bin/python -m etl {command}\b", line))
        assert set(re.findall(r"(?<![\w-])(--[a-z][\w-]*)", shown)) == options, f"python -m etl {command}"


def test_every_python_command_in_the_readme_works_in_a_fresh_shell() -> None:
    """`python -m etl` fails in a shell that has not activated .venv: the README says .venv/bin/python."""
    for line in code_lines(README):
        assert not re.match(r"^python3?\s", line), line
        if launched := re.match(r"^\.venv/bin/python -m ([\w.]+)", line):
            assert importlib.util.find_spec(launched.group(1)), line
        elif script := re.match(r"^\.venv/bin/python (\S+\.py)", line):
            assert (REPO / script.group(1)).is_file(), line


def test_the_readme_first_screen_gives_exactly_the_two_set_up_commands() -> None:
    first_screen = README.split("\n## ")[0]
    assert re.findall(r"^make [\w-]+$", first_screen, flags=re.M) == ["make run", "make test"]


def test_every_make_target_in_the_readme_exists_and_every_public_one_is_named() -> None:
    targets = set(re.findall(r"^([\w-]+):", MAKEFILE, flags=re.M))
    named = set(re.findall(r"\bmake ([\w-]+)", README))
    assert named <= targets, named - targets
    phony = re.search(r"^\.PHONY: (.*)$", MAKEFILE, flags=re.M)
    assert phony, "the Makefile declares no .PHONY targets"
    public = set(phony.group(1).split()) - {"clean", "demo"}
    assert public <= named, public - named


@pytest.fixture(scope="module")
def page_links(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Page title -> URL path of every link in the dashboard's sidebar, as a visitor sees them."""
    db = tmp_path_factory.mktemp("empty") / "tracker.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TRACKER_DB", str(db))
        at = AppTest.from_file(str(REPO / "dashboard" / "app.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    links = {link.proto.label: link.proto.page for link in at.sidebar if type(link).__name__ == "PageLink"}
    assert links, "the sidebar shows no page links"
    return links


def page_folder() -> Path:
    """The page scripts' folder: dashboard/screens (dashboard/pages before the sign-in fix)."""
    folders = [REPO / "dashboard" / name for name in ("screens", "pages")]
    return next((folder for folder in folders if folder.is_dir()), folders[0])


def test_every_dashboard_page_is_linked_from_the_sidebar(page_links: dict[str, str]) -> None:
    pages = {page.stem for page in page_folder().glob("*.py")}
    linked = set(page_links.values())
    default = {"progress"} if "" in linked else set()  # the default page's link has no path
    assert linked - {""} | default == pages


def test_every_page_title_is_described_in_the_readme(page_links: dict[str, str]) -> None:
    dashboard = section(README, "The dashboard")
    for title in page_links:
        assert f"- **{title}**" in dashboard, title


@pytest.fixture(scope="module")
def database_objects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Name -> 'view' or 'table' of every object a real load creates, loaded as a user would."""
    db = tmp_path_factory.mktemp("loaded") / "tracker.duckdb"
    sample = REPO / "data" / "sample" / "status_2017-04.csv"
    loaded = subprocess.run(
        [sys.executable, "-m", "etl", "load", "--db", str(db), str(sample)], capture_output=True, cwd=REPO
    )
    assert loaded.returncode == 0, loaded.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        views = con.execute("select view_name from duckdb_views() where not internal").fetchall()
        tables = con.execute("select table_name from duckdb_tables()").fetchall()
    return {**{name: "table" for (name,) in tables}, **{name: "view" for (name,) in views}}


def documented_views() -> list[str]:
    """The first column of the README's table of views."""
    return re.findall(r"^\| `(\w+)` \|", section(README, "The database"), flags=re.M)


def test_the_readme_table_lists_exactly_the_interface() -> None:
    assert sorted(documented_views()) == sorted(INTERFACE)


def test_every_interface_view_exists_in_a_loaded_database(database_objects: dict[str, str]) -> None:
    for name in INTERFACE:
        assert name in database_objects, name


def test_every_interface_view_is_in_the_changelog() -> None:
    for name in INTERFACE:
        assert f"`{name}`" in CHANGELOG, name


def test_every_other_view_is_named_in_the_readme_as_a_helper(database_objects: dict[str, str]) -> None:
    """A new view is either documented as interface or named as a helper analysts should not rely on."""
    helpers = section(README, "The database")
    for name, kind in database_objects.items():
        if kind == "view" and name not in INTERFACE:
            assert f"`{name}`" in helpers, name
