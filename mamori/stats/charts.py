"""Geometry of server-rendered SVG bar charts (pure; the template draws them, no script, no inline style).

Horizontal grouped bars, one group per category: our share above, the national share below, on one
percentage scale so the two can be read against each other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mamori.stats.rules import ComparisonRow

#: One group of a chart: its label and the values of the two series (None when not published).
Values = tuple[str, float | None, float | None]

LABEL_WIDTH = 230  # room for the longest Japanese category name at 13px
BAR_AREA = 380
VALUE_WIDTH = 60
BAR_HEIGHT = 12
GROUP_GAP = 12
TOP = 24  # room for the scale


@dataclass(frozen=True)
class Bar:
    """One bar: where it is, how long, which series it belongs to, and its value as text."""

    x: float
    y: float
    width: float
    height: float
    series: str
    value_text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Group:
    """One category: its label and its bars."""

    label: str
    label_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Tick:
    """One gridline of the percentage scale."""

    x: float
    label: str


@dataclass(frozen=True)
class BarChart:
    """A whole chart, sized in SVG user units."""

    width: int
    height: int
    label_width: int
    groups: tuple[Group, ...]
    ticks: tuple[Tick, ...]
    scale_max: int


def _scale_max(values: Sequence[float]) -> int:
    top = max([*values, 10.0])
    step = 10 if top <= 50 else 20
    return min(100, int(math.ceil(top / step) * step))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def comparison_chart(rows: Sequence[ComparisonRow]) -> BarChart:
    """Return a chart of our share against the national share for each category of one dimension."""
    return grouped_chart([(r.category, r.share_pct, r.national_share_pct) for r in rows])


def grouped_chart(
    rows: Sequence[Values],
    series: tuple[str, str] = ("ours", "national"),
    lower_bounds: frozenset[tuple[int, int]] = frozenset(),
) -> BarChart:
    """Return a chart of two series of percentages, one group of two bars per label.

    ``lower_bounds`` holds (row index, series index) of values that are only lower bounds: their text
    reads "≥20.7%".
    """
    values = [v for _label, a, b in rows for v in (a, b) if v is not None]
    scale = _scale_max(values)
    unit = BAR_AREA / scale
    groups = []
    y = float(TOP)
    for index, (label, first, second) in enumerate(rows):
        bars = []
        for i, (name, value) in enumerate(((series[0], first), (series[1], second))):
            top = y + i * (BAR_HEIGHT + 2)
            width = (value or 0.0) * unit
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=top,
                    width=round(width, 1),
                    height=BAR_HEIGHT,
                    series=name,
                    value_text=("≥" if (index, i) in lower_bounds and value is not None else "")
                    + _pct(value),
                    text_x=round(LABEL_WIDTH + width + 4, 1),
                    text_y=top + BAR_HEIGHT - 2,
                )
            )
        groups.append(Group(label=label, label_y=y + BAR_HEIGHT + 2, bars=tuple(bars)))
        y += 2 * BAR_HEIGHT + 2 + GROUP_GAP
    step = 10 if scale <= 60 else 20
    ticks = tuple(
        Tick(x=round(LABEL_WIDTH + pct * unit, 1), label=f"{pct}%") for pct in range(0, scale + 1, step)
    )
    return BarChart(
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=int(y) + 4,
        label_width=LABEL_WIDTH,
        groups=tuple(groups),
        ticks=ticks,
        scale_max=scale,
    )
