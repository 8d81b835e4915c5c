"""The board pack: a month's charts as PNG and one PDF, for the command line and the Progress page.

Modules, in the order a pack is made: contents (what it shows, from the pages' own content in
dashboard/content), paging (a tall chart cut into page-sized parts), captions (a sentence per
chart), images (charts to PNG in Chromium), pdf and pdf_parts (the A4 document), build (all of it,
and the dashboard's failure-safe entry), __main__ (the command).

Example: python -m dashboard.boardpack --month 2018-03 --ccg 02X
"""

from dashboard.boardpack.build import BoardPack, build_board_pack, build_board_pack_or_message
from dashboard.boardpack.images import BrowserMissing

__all__ = ["BoardPack", "BrowserMissing", "build_board_pack", "build_board_pack_or_message"]
