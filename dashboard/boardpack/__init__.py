"""The board pack: a month's board paper as one PDF, its charts as PNG and its call list as CSV, for
the command line and the Progress page.

Modules, in the order a pack is made: scope (whose pack: England, a region, an ICB or areas, and its
table by area), contents (what it shows, from the pages' own content in dashboard/content), captions
(a sentence per chart), images (charts to PNG in Chromium), pdf and pdf_parts (the A4 document),
build (all of it, and the dashboard's failure-safe entry), __main__ (the command).

Example: python -m dashboard.boardpack --icb QOQ --month 2024-10
"""

from dashboard.boardpack.build import BoardPack, build_board_pack, build_board_pack_or_message
from dashboard.boardpack.images import BrowserMissing

__all__ = ["BoardPack", "BrowserMissing", "build_board_pack", "build_board_pack_or_message"]
