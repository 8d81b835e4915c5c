"""Moved: words to dashboard/wording.py, the headline to dashboard/headline.py (until charts switch)."""

from dashboard.headline import HeadlineFigure, compared_rows, headline_figures, headline_table
from dashboard.wording import (
    CHANGES,
    LEVEL_NAMES,
    LEVELS,
    MILESTONE_STATUSES,
    REASONS,
    month_name,
    share_text,
)

__all__ = [
    "CHANGES",
    "LEVELS",
    "LEVEL_NAMES",
    "MILESTONE_STATUSES",
    "REASONS",
    "HeadlineFigure",
    "compared_rows",
    "headline_figures",
    "headline_table",
    "month_name",
    "share_text",
]
