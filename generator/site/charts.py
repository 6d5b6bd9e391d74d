"""Bar charts of the service-capability page: SVG made at build time, no script, no library.

Accessibility decisions:
- the SVG is `role="img"` named by its `<title>` and described by its `<desc>`, which says
  every value in words, so a screen reader hears the chart as one sentence; the same
  numbers are in the data table beside it;
- every bar carries its label above and its value after it (direct labels), so nothing
  is told by colour alone, and a bar is a filled shape inside an outlined track, visible
  in every colour scheme;
- colours come from the theme's custom properties and currentColor (report.css), so dark,
  high-contrast and forced-colours modes repaint the chart like the text around it;
- sizes are in the SVG's own units and the SVG's width is set in `em` (report.css): the
  chart grows with the toolbar's text size and shrinks to the column at 320 px.

A chart's bars come in the order given; pure functions, strings in, Markup out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH = 320
"""The chart's width in its own units: one phone column."""
ROW = 52
LABEL_BASELINE = 18
BAR_TOP = 26
BAR_HEIGHT = 16
VALUE_ROOM = 122
"""Room after the longest bar for its value, `1234 项（100%）`."""
BAR_MAX = WIDTH - VALUE_ROOM


@dataclass(frozen=True)
class Bar:
    """One bar: what it counts, the count, and what the bar's length is measured against."""

    label: str
    count: int
    scale: int
    """The count a full-length bar stands for (the total for a share, else the largest)."""
    value: str
    """The value written after the bar, as the data table writes it."""


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> Markup:
    """Return an accessible horizontal bar chart as inline SVG."""
    height = max(ROW * len(bars), ROW)
    parts = [
        Markup(
            '<svg class="sg-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
            'viewBox="0 0 {w} {h}" aria-labelledby="{id}-title {id}-desc">'
        ).format(w=WIDTH, h=height, id=chart_id),
        Markup('<title id="{id}-title">{text}</title>').format(id=chart_id, text=title),
        Markup('<desc id="{id}-desc">{text}</desc>').format(id=chart_id, text=description),
    ]
    for number, bar in enumerate(bars):
        top = number * ROW
        length = round(BAR_MAX * bar.count / bar.scale, 1) if bar.scale else 0.0
        parts.append(
            Markup(
                '<g class="sg-chart__row">'
                '<text class="sg-chart__label" x="0" y="{label_y}">{label}</text>'
                '<rect class="sg-chart__track" x="0.5" y="{bar_y}" width="{track}" '
                'height="{bar_h}"/>'
                '<rect class="sg-chart__bar" x="0.5" y="{bar_y}" width="{length}" '
                'height="{bar_h}"/>'
                '<text class="sg-chart__value" x="{value_x}" y="{value_y}">{value}</text>'
                "</g>"
            ).format(
                label_y=top + LABEL_BASELINE,
                bar_y=top + BAR_TOP,
                bar_h=BAR_HEIGHT,
                track=BAR_MAX - 1,
                length=length,
                value_x=BAR_MAX + 6,
                value_y=top + BAR_TOP + BAR_HEIGHT - 2,
                label=bar.label,
                value=bar.value,
            )
        )
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def describe(lead: str, bars: Sequence[Bar]) -> str:
    """Return a chart's description in words: the lead, then every label and value."""
    return lead + "；".join(f"{bar.label} {bar.value}" for bar in bars) + "。"

