"""Every colour a chart draws a series, a shade or a point in reaches 3:1 against white (WCAG 1.4.11).

The contrast ratio is worked out here from the WCAG 2.2 definition (relative luminance of sRGB), not
taken from the code under test.
"""

from __future__ import annotations

import pytest

from dashboard.charts import style as chart_style

WHITE = "#FFFFFF"


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def every_colour() -> dict[str, str]:
    colours = {f"palette {name}": code for name, code in chart_style.OKABE_ITO.items()}
    colours |= {f"map shade {words}": code for _, words, code, _ in chart_style.MAP_SHADES}
    colours |= {f"practice {status}": code for status, (code, _) in chart_style.PRACTICE_STATUS_STYLE.items()}
    colours["grey line"] = chart_style.GREY_LINE
    return colours


def test_the_contrast_formula_gives_the_known_ratios() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the well-known 4.5:1 grey
    assert contrast("#56B4E9", WHITE) == pytest.approx(2.31, abs=0.01)  # Okabe–Ito's own sky blue fails


@pytest.mark.parametrize(("what", "code"), sorted(every_colour().items()))
def test_every_chart_colour_reaches_three_to_one_on_white(what: str, code: str) -> None:
    assert contrast(code, WHITE) >= 3.0, f"{what} {code}: {contrast(code, WHITE):.2f}:1"


def test_every_colour_the_charts_name_is_in_the_palette() -> None:
    named = [*chart_style.SERIES_COLOURS]
    named += [name for name, _ in chart_style.LEVEL_STYLE.values()]
    named += [name for name, _ in chart_style.BAND_STYLE.values()]
    named += [name for name, _ in chart_style.STATUS_STYLE.values()]
    assert set(named) <= set(chart_style.OKABE_ITO)


def test_the_map_shades_differ_in_pattern_where_their_colours_are_close() -> None:
    # the three lower shades carry a fill pattern each, all different, so colour is never the only signal
    patterns = [pattern for lower, _, _, pattern in chart_style.MAP_SHADES if lower < 98]
    assert all(patterns) and len(set(patterns)) == len(patterns)
