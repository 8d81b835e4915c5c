"""Every chart of the dashboard and the board pack as a pure function DataFrame -> plotly Figure.

No Streamlit here: the board pack renders the same figures to PNG with kaleido, so each one must
read on paper. Titles say what is shown, axes are titled, the template is light, and colours come
from the Okabe–Ito palette (safe for colour-blind readers). Colour is never the only signal: series
also differ by marker, dash or fill pattern, and bars carry their numbers as text.

The charts of the pages are found here as charts.<name>; the map (charts.map) and the strip of peers
(charts.peers) are modules of their own; charts.style holds what every chart shares and charts.captions
says a chart's key numbers in words (the board pack's captions).
"""

from dashboard.charts import captions, map, peers, style
from dashboard.charts.counts import changes_by_kind, practices_by_reason
from dashboard.charts.milestones import milestone_timeline
from dashboard.charts.networks import network_integration_mix, network_population
from dashboard.charts.progress import (
    coverage_over_time,
    integration_by_contract,
    integration_mix_over_time,
    official_coverage_over_time,
)
from dashboard.charts.style import is_empty, text_alternative

__all__ = [
    "captions",
    "changes_by_kind",
    "coverage_over_time",
    "integration_by_contract",
    "integration_mix_over_time",
    "is_empty",
    "map",
    "milestone_timeline",
    "network_integration_mix",
    "network_population",
    "official_coverage_over_time",
    "peers",
    "practices_by_reason",
    "style",
    "text_alternative",
]
