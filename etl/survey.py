"""One pass over a CSV's bytes: what a reader may assume about it before parsing a single row."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 22
# Bytes that need no second look: printable ASCII but the quote, and the line feed.
ORDINARY = bytes(byte for byte in range(0x20, 0x7F) if byte != ord('"')) + b"\n"


@dataclass
class Survey:
    """UTF-8 or not, its line breaks, and every character outside printable ASCII it holds."""

    utf8: bool
    quotes: bool
    line_feeds: int
    returns: int
    crlf: int  # carriage returns followed by a line feed
    ends_with_break: bool
    unusual: frozenset[str]  # the characters not in ORDINARY, "\r" and '"' included (UTF-8 only)

    @classmethod
    def of(cls, path: Path) -> Survey:
        check = codecs.getincrementaldecoder("utf-8")()  # a BOM is UTF-8 too
        unusual_text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        utf8, quotes, feeds, returns, crlf, last, before = True, False, 0, 0, 0, b"", b""
        unusual: set[str] = set()
        with path.open("rb") as file:
            while chunk := file.read(CHUNK):
                if utf8:
                    try:  # ASCII is UTF-8: decoding a chunk of it (most of every file) proves nothing
                        if not (chunk.isascii() and check.getstate()[0] == b""):
                            check.decode(chunk)
                    except UnicodeDecodeError:
                        utf8 = False
                    # deleting ASCII from valid UTF-8 leaves whole characters: the unusual ones
                    unusual.update(unusual_text.decode(chunk.translate(None, ORDINARY)))
                quotes = quotes or b'"' in chunk
                feeds += chunk.count(b"\n")
                if b"\r" in chunk:
                    returns += chunk.count(b"\r")
                    crlf += chunk.count(b"\r\n") + (before == b"\r" and chunk[:1] == b"\n")
                before = last = chunk[-1:]
        utf8 = utf8 and "\x00" not in unusual
        return cls(utf8, quotes, feeds, returns, crlf, last in (b"\n", b"\r"), frozenset(unusual))

    def dense(self, data_rows: int) -> bool:
        """Every line below the header is one data row: no quotes, no blank or skipped lines."""
        breaks = self.line_feeds if self.returns in (0, self.line_feeds) else -1
        lines = breaks + (0 if self.ends_with_break else 1)
        return not self.quotes and breaks >= 0 and lines == data_rows + 1

    def ascii(self) -> bool:
        return self.utf8 and self.unusual <= {"\r"}

    def plain(self) -> bool:
        """UTF-8 with one kind of line break, no quote, no NUL and no whitespace but the space:
        every reader splits such a file into the same cells, and trimming means dropping spaces."""
        one_kind_of_break = self.returns == 0 or self.returns == self.crlf == self.line_feeds
        odd = {character for character in self.unusual if character.isspace() or character == "\x00"}
        return self.utf8 and not self.quotes and one_kind_of_break and odd <= {"\r"}
