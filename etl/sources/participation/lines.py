"""The file lines of a return's rows that a check against the database found wrong.

Rows carry no line numbers once read, and most returns have no problem for the register to find,
so lines are looked for only when one is found, and only for the rows it names (a practice in a
month): in the frame the pandera model read, by each row's label (InputFile.line_of); in a plain
file staged by DuckDB, by reading its lines again, which counts only if the file still holds
what was checked (its SHA-256).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from etl.headers import normalise_header
from etl.sources.kind import Staged

if TYPE_CHECKING:
    import pandas as pd

    from etl.sources import InputFile

Key = tuple[str, str]  # (practice code as stored, month as YYYY-MM)
CHUNK = 1 << 22


def lines_of(f: InputFile, rows: pd.DataFrame | Staged, wanted: Iterable[Key]) -> dict[Key, list[int]]:
    """Each wanted (practice, month) -> the lines of `f` that hold it (a rejected file may hold a
    practice twice in a month); a key whose lines cannot be found is left out."""
    keys = set(wanted)
    if not keys:
        return {}
    if isinstance(rows, Staged):
        return plain_file_lines(f, keys)
    if f.line_of is None:
        return {}
    import pandas as pd  # a frame was read by pandas already

    codes = {practice for practice, _ in keys}
    candidates = rows[rows["practice_code"].isin(codes)]
    months = pd.to_datetime(candidates["snapshot_date"]).dt.strftime("%Y-%m")
    found: dict[Key, list[int]] = defaultdict(list)
    for label, practice, month in zip(candidates.index, candidates["practice_code"], months, strict=True):
        if (practice, month) in keys:
            found[(practice, month)].append(f.line_of(int(label)))
    return dict(found)


def plain_file_lines(f: InputFile, keys: set[Key]) -> dict[Key, list[int]]:
    """The lines of a plain CSV (no quotes: a row is a line) holding the wanted keys, read again
    with the rules of fast_path.sql (cells trimmed, codes upper-cased, YYYY-MM-DD or DD/MM/YYYY);
    nothing when the file no longer holds the content that was checked."""
    digest = hashlib.sha256()
    codes = {practice.encode() for practice, _ in keys}
    found: dict[Key, list[int]] = defaultdict(list)
    try:
        with f.path.open("rb") as file:
            header = file.readline()
            digest.update(header)
            names = [normalise_header(cell) for cell in header.decode("utf-8-sig").rstrip("\r\n").split(",")]
            date_at, practice_at = names.index("snapshot_date"), names.index("practice_code")
            cut = max(date_at, practice_at) + 1  # the cells after these are never split
            number, rest = 1, b""
            while chunk := file.read(CHUNK):
                digest.update(chunk)
                lines = (rest + chunk).split(b"\n")
                rest = lines.pop()
                for after, line in enumerate(lines, start=1):
                    cells = line.split(b",", cut)
                    if (
                        len(cells) > practice_at
                        and (code := cells[practice_at].strip(b" \r").upper()) in codes
                    ):
                        day = cells[date_at] if len(cells) > date_at else b""
                        _found(found, keys, number + after, code, day)
                number += len(lines)
            if rest.strip(b"\r"):
                cells = rest.split(b",", cut)
                if len(cells) > practice_at and (code := cells[practice_at].strip(b" \r").upper()) in codes:
                    _found(found, keys, number + 1, code, cells[date_at] if len(cells) > date_at else b"")
    except (OSError, ValueError, UnicodeDecodeError):  # gone, or no longer the file that was read
        return {}
    return dict(found) if digest.hexdigest() == f.content_hash else {}


def _found(found: dict[Key, list[int]], keys: set[Key], number: int, code: bytes, cell: bytes) -> None:
    """Line `number` holds `code`: kept if its month (YYYY-MM-DD or DD/MM/YYYY) is a wanted one."""
    day = cell.strip(b" \r").decode("ascii", errors="replace")
    key = (code.decode("ascii"), day[:7] if day[4:5] == "-" else f"{day[6:10]}-{day[3:5]}")
    if key in keys:
        found[key].append(number)


def lines_text(lines: list[int]) -> str:
    """'line 5', 'lines 5 and 9', 'lines 2, 3 and 4'."""
    if len(lines) == 1:
        return f"line {lines[0]}"
    return f"lines {', '.join(str(line) for line in lines[:-1])} and {lines[-1]}"
