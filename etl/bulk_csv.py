"""A tracker CSV -> a TextTable, fast: the whole file parsed in C when the result can be vouched for.

Two readers give the same table. The bulk reader (pyarrow) is used whenever it can vouch for
the result; the line-by-line reader of etl.text (Python's csv module) is the reference: it is
used for every file with a problem, because it knows each row's line as a spreadsheet shows it.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterator
from contextlib import suppress
from functools import reduce
from pathlib import Path
from typing import TextIO

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from etl.headers import normalise_header
from etl.problems import rejected
from etl.survey import Survey
from etl.text import EMPTY, UTF8_BOM, TextTable, decode_with_encoding, header_problems, read_line_by_line

HEADER_CHARS = 65_536
BLOCK_BYTES = 4 * 1024 * 1024  # read and trimmed at a time
BIG_FILE = 16 * 1024 * 1024  # above this a UTF-8 file is never decoded whole
MANY_QUOTES = 100_000  # more than this and the csv module reads the whole file
LINE_END = re.compile(r"\r\n|\r|\n")  # where io.StringIO(newline=""), and so the csv module, ends a line


def read_text_table(file: str, data: bytes) -> TextTable:
    """Read a CSV with a header row into text cells, trimmed, each row knowing its line number."""
    text, encoding = decode_with_encoding(data, file)
    if not text.strip():
        raise rejected(file, EMPTY)
    if encoding == "cp1252":
        utf8 = memoryview(text.encode("utf-8"))  # pyarrow reads UTF-8 only
    else:
        utf8 = memoryview(data)[len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0 :]
    return read_in_bulk(file, text, utf8) or read_line_by_line(file, text)


def read_csv_file(path: Path) -> TextTable:
    """A tracker CSV on disk. A large UTF-8 file is never held whole in memory, as bytes or as
    text: pyarrow parses it from disk, and the csv module reads it again as a stream only to
    vouch for its quotes or find a problem's line."""
    if path.stat().st_size <= BIG_FILE:
        return read_text_table(path.name, path.read_bytes())
    lean_arrow_allocator()
    survey = Survey.of(path)
    if not survey.utf8:
        return read_text_table(path.name, path.read_bytes())
    with path.open("rb") as start:
        head = start.read(HEADER_CHARS).decode("utf-8-sig", errors="replace")

    def reopen() -> TextIO:
        return path.open(encoding="utf-8-sig", newline="")

    if survey.quotes and not well_formed_stream(reopen()):
        return read_line_by_line(path.name, path.read_text(encoding="utf-8-sig"))
    found = read_in_bulk(path.name, head, None, reopen, path, quotes=survey.quotes)
    if found is None:
        return read_line_by_line(path.name, path.read_text(encoding="utf-8-sig"))
    found.dense = survey.dense(len(found.frame))
    return found


def lean_arrow_allocator() -> None:
    """Arrow's buffers from jemalloc where this pyarrow has it (unless ARROW_DEFAULT_MEMORY_POOL
    says otherwise), each given back to the system as soon as it is freed.

    A preference, not what keeps the bound: the reader reads a block at a time and hands freed
    memory back under any allocator (read_trimmed). With jemalloc the 200 MB file of problems
    peaks at about 530 MB; with the system's allocator 690 MB, with mimalloc 650 MB (1,190 MB
    with the system's when the whole file was parsed at once)."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    with suppress(NotImplementedError):  # a build without jemalloc (Windows) keeps the default
        pa.set_memory_pool(pa.jemalloc_memory_pool())
        pa.jemalloc_set_decay_ms(0)


def read_in_bulk(
    file: str,
    text: str,
    utf8: memoryview | None,
    reopen: Callable[[], TextIO] | None = None,
    path: Path | None = None,
    quotes: bool = True,
) -> TextTable | None:
    """The whole file at once, in C; None when the file needs the line-by-line reader.

    pyarrow and Python's csv module agree on a well-formed file with no cell longer than the
    csv module's limit; they differ on malformed quoting, so a file with quotes is first
    checked by the csv module itself (without building any rows). `text` is the whole text
    (read from `utf8`), or only the file's start when pyarrow reads `path` and the caller has
    vouched for its quotes. `quotes`: whether the file (when read from `path`) holds a quote;
    without one no cell can hold a line break, and pyarrow then parses its blocks in parallel.
    """
    if reopen is None:
        whole = text
        quotes = '"' in text

        def reopen() -> TextIO:
            return io.StringIO(whole, newline="")

        if '"' in text and not well_formed(text):
            return None
    # The header is read from the first few lines; if it runs on further, pyarrow's first row
    # will not match it and the line-by-line reader takes over.
    header = next(csv.reader(io.StringIO(text[:HEADER_CHARS], newline="")), [])
    names = [normalise_header(cell) for cell in header]
    stripped = [cell.strip() for cell in header]
    if len(header) < 2 or header_problems(file, stripped, names):
        return None  # one column (another separator?), blank or repeated names: said line by line
    columns = [f"column_{number}" for number in range(len(header))]
    cells = read_trimmed(str(path) if utf8 is None else pa.BufferReader(utf8), columns, header, quotes, path)
    if cells is None:
        return None
    cells = cells.rename_columns(names)
    # Spreadsheets leave rows of empty cells at the end; only a row whose first cell is empty can be one.
    if pc.any(pc.equal(cells.column(0), "")).as_py():
        blank = reduce(pc.and_, [pc.equal(column, "") for column in cells.columns])
        cells = cells.filter(pc.invert(blank))
    if cells.num_rows == 0:
        return None
    # pandas keeps text as large_string; a file read from disk (a big one) keeps Arrow's 32-bit
    # offsets instead, a third less memory, and each piece is converted as it is validated
    frame = (
        cells.to_pandas(types_mapper={pa.string(): pd.ArrowDtype(pa.string())}.get)
        if path
        else cells.to_pandas()
    )
    del cells
    give_memory_back()
    return TextTable(file, frame, [], dict(zip(names, stripped, strict=True)), reopen)


def read_trimmed(
    source: str | pa.BufferReader, columns: list[str], header: list[str], quotes: bool, path: Path | None
) -> pa.Table | None:
    """The rows below the header, every cell trimmed; None when pyarrow cannot vouch for them.

    Read a block at a time, each trimmed as it comes: the file's text is never held twice (raw
    and trimmed) nor parsed all at once, so the peak stays near the size of the trimmed table
    whatever allocator Arrow uses (the system's gives freed memory back late, if at all).
    """
    try:
        reader = pa_csv.open_csv(
            source,
            read_options=pa_csv.ReadOptions(column_names=columns, block_size=BLOCK_BYTES),
            parse_options=pa_csv.ParseOptions(newlines_in_values=quotes),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.string() if path else pa.large_string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
        trimmed: list[pa.RecordBatch] = []
        first = True
        for batch in reader:
            if first:
                if batch.num_rows == 0 or batch.slice(0, 1).to_pylist()[0] != dict(
                    zip(columns, header, strict=True)
                ):
                    return None
                batch, first = batch.slice(1), False
            if longest_cell(batch) > csv.field_size_limit():
                return None
            trimmed.append(
                pa.RecordBatch.from_arrays([pc.utf8_trim_whitespace(c) for c in batch.columns], columns)
            )
            del batch
    except pa.ArrowInvalid:  # a ragged row, most often: the line-by-line reader says where
        return None
    finally:
        give_memory_back()
    if first or sum(batch.num_rows for batch in trimmed) < 1:
        return None
    return pa.Table.from_batches(trimmed)


def give_memory_back() -> None:
    """Hand the memory Arrow has freed back to the system now, whatever allocator it uses (with
    the system's, malloc_trim: freed blocks would otherwise stay in this process's heap)."""
    pa.default_memory_pool().release_unused()


def well_formed_stream(stream: TextIO) -> bool:
    """well_formed() for a file read as a stream: the csv module, strict, over every record."""
    with stream:
        try:
            for _ in csv.reader(stream, strict=True):
                pass
        except csv.Error:
            return False
    return True


def longest_cell(table: pa.Table | pa.RecordBatch) -> int:
    """The most characters in any cell (bytes first: they are free, and never fewer)."""
    most_bytes = max(pc.max(pc.binary_length(column)).as_py() or 0 for column in table.columns)
    if most_bytes <= csv.field_size_limit():
        return most_bytes
    return max(pc.max(pc.utf8_length(column)).as_py() or 0 for column in table.columns)


def well_formed(text: str) -> bool:
    """Python's csv module, strict, finds nothing wrong with the quoting (rows are not kept).

    Only a record that holds a quote can be malformed, and a national file has a handful, so
    the csv module is shown just those records; a file that quotes everything is read whole.
    """
    quoted = LinesHoldingQuotes(text)
    lines = io.StringIO(text, newline="") if text.count('"') > MANY_QUOTES else quoted
    try:
        for _ in csv.reader(lines, strict=True):
            quoted.record_ended = True
    except csv.Error:
        return False
    return True


class LinesHoldingQuotes:
    """The lines of a text that hold a quote, each followed by the lines its record runs on to.

    Whoever reads the records sets `record_ended` after each one; until then the next line
    given is the one that follows, with or without a quote.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.record_ended = True

    def __iter__(self) -> Iterator[str]:
        text, start = self.text, 0
        while start < len(text):
            if self.record_ended:  # skip the records without a quote: they cannot be malformed
                quote = text.find('"', start)
                if quote < 0:
                    return
                start = max(text.rfind("\n", start, quote), text.rfind("\r", start, quote), start - 1) + 1
            end = LINE_END.search(text, start)
            stop = end.end() if end else len(text)
            self.record_ended = False
            yield text[start:stop]
            start = stop
