"""Workbooks built to hurt whoever opens them, for the tests and the bench's bad-file part.

Each is a real workbook with one part rewritten, streamed into the zip so that building a bomb
never holds it unpacked in memory.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL_EPCN = REPO / "data" / "official" / "ePCN_2022-02.xlsx"
MEGABYTE = 1024 * 1024

Rewrite = Callable[[bytes], Iterator[bytes]]


def rewritten(source: Path, out: Path, parts: dict[str, Rewrite]) -> Path:
    """`source` with each named part replaced by what its function yields (given the old part)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename not in parts:
                new.writestr(info, data, zipfile.ZIP_DEFLATED)
                continue
            part = zipfile.ZipInfo(info.filename, info.date_time)
            part.compress_type = zipfile.ZIP_DEFLATED
            with new.open(part, "w", force_zip64=True) as target:
                for chunk in parts[info.filename](data):
                    target.write(chunk)
    return out


def shared_strings_bomb(out: Path, entries: int, source: Path = REAL_EPCN) -> Path:
    """A real ePCN whose shared strings end with `entries` empty ones (15 million: 1 MB zipped)."""

    def more_strings(old: bytes) -> Iterator[bytes]:
        end = old.rindex(b"</sst>")
        yield old[:end]
        block = 100_000
        for start in range(0, entries, block):
            yield b"<si><t/></si>" * min(block, entries - start)
        yield old[end:]

    return rewritten(source, out, {"xl/sharedStrings.xml": more_strings})


def index_comment_bomb(out: Path, megabytes: int, source: Path = REAL_EPCN) -> Path:
    """A real ePCN whose workbook.xml carries a comment of `megabytes` MB (600: 577 KB zipped)."""

    def with_comment(old: bytes) -> Iterator[bytes]:
        declaration_end = old.index(b"?>") + 2 if old.startswith(b"<?xml") else 0
        yield old[:declaration_end] + b"<!--"
        for _ in range(megabytes):
            yield b"x" * MEGABYTE
        yield b"-->" + old[declaration_end:]

    return rewritten(source, out, {"xl/workbook.xml": with_comment})


def sheet_rewritten(source: Path, out: Path, rows: Callable[[], Iterator[bytes]]) -> Path:
    """A one-sheet workbook whose rows below the header are those `rows` yields (as XML)."""

    def sheet(old: bytes) -> Iterator[bytes]:
        header_end = old.index(b"</row>") + len(b"</row>")
        yield old[:header_end]
        yield from rows()
        yield old[old.index(b"</sheetData>") :]

    return rewritten(source, out, {"xl/worksheets/sheet1.xml": sheet})


def cells_bomb(source: Path, out: Path, rows: int, columns: int = 12) -> Path:
    """`source` (a one-sheet workbook) with `rows` rows of distinct numbers below its header."""

    def numbers() -> Iterator[bytes]:
        for row in range(2, rows + 2):
            yield (
                b"<row>" + b"".join(b"<c><v>%d</v></c>" % (row * 16 + c) for c in range(columns)) + b"</row>"
            )

    return sheet_rewritten(source, out, numbers)
