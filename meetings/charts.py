"""Bar charts drawn on the server as SVG: no JavaScript, no network, readable in print.

A chart is its numbers first. The page draws them (``templates/meetings/_chart.html``), lists
them in a table one click away, and offers them as CSV (``chart_csv``); each bar links to the
meetings it counts.
"""

import csv
import io
import math
from dataclasses import dataclass, field

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

WIDTH = 480
HEIGHT = 180
PLOT_TOP = 14
PLOT_BOTTOM = 152
PLOT_LEFT = 38
PLOT_RIGHT = 458
MAX_LABELS = 8
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    url: str = ""


@dataclass(frozen=True)
class DrawnBar:
    bar: Bar
    x: float
    y: float
    width: float
    height: float
    label_x: float
    show_label: bool


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass
class Chart:
    """``slug`` names the chart within its page (its element id and CSV file name)."""

    slug: str
    title: str
    description: str
    bars: list[Bar]
    label_heading: str = _("Year")
    value_heading: str = _("Meetings")
    csv_url: str = ""
    drawn: list[DrawnBar] = field(init=False)
    ticks: list[Tick] = field(init=False)

    def __post_init__(self):
        self.drawn, self.ticks = _layout(self.bars)

    width = WIDTH
    height = HEIGHT
    plot_left = PLOT_LEFT
    plot_right = PLOT_RIGHT
    plot_bottom = PLOT_BOTTOM

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value``: an axis that ends on a round
    number."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _layout(bars: list[Bar]) -> tuple[list[DrawnBar], list[Tick]]:
    if not bars:
        return [], []
    top = _nice_ceiling(max(bar.value for bar in bars))
    span = PLOT_BOTTOM - PLOT_TOP
    slot = (PLOT_RIGHT - PLOT_LEFT) / len(bars)
    gap = min(slot * 0.2, 6)
    every = math.ceil(len(bars) / MAX_LABELS)
    drawn = []
    for i, bar in enumerate(bars):
        height = span * bar.value / top
        x = PLOT_LEFT + i * slot + gap / 2
        drawn.append(
            DrawnBar(
                bar=bar,
                x=round(x, 2),
                y=round(PLOT_BOTTOM - height, 2),
                width=round(slot - gap, 2),
                height=round(height, 2),
                label_x=round(x + (slot - gap) / 2, 2),
                # The last bar is always labelled: it is the most recent year.
                show_label=(len(bars) - 1 - i) % every == 0,
            )
        )
    ticks = [Tick(value=v, y=round(PLOT_BOTTOM - span * v / top, 2)) for v in (0, top // 2, top)]
    return drawn, list({tick.value: tick for tick in ticks}.values())


def chart_csv(chart: Chart, filename: str) -> HttpResponse:
    """The chart's numbers as a CSV download: label, value, and the link behind the bar."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([chart.label_heading, chart.value_heading])
    for bar in chart.bars:
        label = bar.label
        writer.writerow([f"'{label}" if label.startswith(FORMULA_STARTS) else label, bar.value])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
