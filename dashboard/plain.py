"""Text from files shown as plain text: the one escape used wherever data meets Markdown.

Streamlit renders headers, captions, metric labels and messages as Markdown, so a network named
`[Sign in again](https://evil.example)` would become a live link. Escaping every character that
Markdown (or Streamlit's :emoji: and $math$ extensions) gives a meaning keeps it as written.

>>> print(plain("[Sign in](x.png)"))
\\[Sign in\\]\\(x\\.png\\)
"""

from __future__ import annotations

import re

MARKDOWN_CHARACTERS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'/])")


def plain(text: object) -> str:
    """`text` with every Markdown character backslash-escaped, so it shows exactly as written."""
    return MARKDOWN_CHARACTERS.sub(r"\\\1", str(text)).replace("\n", " ")
