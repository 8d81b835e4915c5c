"""The commands as a user types them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import STATUS_HEADER, STATUS_ROWS, rows_of

REPO = Path(__file__).resolve().parent.parent


def etl(*args: str, env_db: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", **({"TRACKER_DB": str(env_db)} if env_db else {})}
    return subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=REPO, capture_output=True, text=True, env=env, check=False
    )


def test_python_m_etl_load_as_a_user_types_it(tmp_path: Path) -> None:
    good = tmp_path / "status_2018-03.csv"
    good.write_text("\n".join([STATUS_HEADER, *STATUS_ROWS]) + "\n")
    bad = tmp_path / "status_2018-04.csv"
    bad.write_text(
        STATUS_HEADER + "\n" + STATUS_ROWS[0].replace("2018-03-01,02X,C86001", "2018-04-01,02X,C8601")
    )
    db = tmp_path / "tracker.duckdb"

    loaded = etl("load", str(good), env_db=db)
    again = etl("load", str(good), str(bad), env_db=db)

    not_checked = (
        "  warning: status_2018-03.csv: not checked against the practice register, because none is "
        "loaded (load an epraccur file to check returns against it)\n"
    )
    assert (loaded.returncode, loaded.stdout, loaded.stderr) == (
        0,
        "status_2018-03.csv: loaded 4 rows of participation for March 2018, CCG 02X\n" + not_checked,
        "",
    )
    assert again.returncode == 1
    assert again.stdout == "status_2018-03.csv: already loaded, nothing changed\n" + not_checked
    assert again.stderr == (
        "status_2018-04.csv: rejected, 1 problem; nothing was stored\n"
        '  status_2018-04.csv line 2, practice_code "C8601": expected a capital letter and 5 digits, '
        "such as C86001\n"
    )
    assert rows_of(db, "select count(*) from practice_status") == [(4,)]


def test_check_validates_without_loading(tmp_path: Path) -> None:
    good = tmp_path / "status.csv"
    good.write_text("\n".join([STATUS_HEADER, *STATUS_ROWS]) + "\n")
    db = tmp_path / "tracker.duckdb"

    checked = etl("check", str(good), env_db=db)

    assert (checked.returncode, checked.stdout) == (
        0,
        "status.csv: OK, 4 rows of participation for March 2018, CCG 02X\n"
        "  status.csv: not checked against the practice register, because no database was given "
        "(add --db PATH to check it against a tracker database's register)\n",
    )
    assert not db.exists()


def test_help_lists_every_command() -> None:
    shown = etl("--help")

    assert shown.returncode == 0
    listed = re.findall(r"^    (\w+) +(.+)$", shown.stdout, flags=re.MULTILINE)
    assert listed == [
        ("load", "validate files and load them into the database"),
        ("check", "validate files without loading them"),
        ("template", "write a participation file prefilled from the official data"),
        ("fetch", "download the month's official files and load them"),
    ]
