"""Enjoyment and craving across a run of exposures, drawn with plain characters.

The two series differ in glyph as well as colour (● enjoyment, ✕ craving, ◆ where they are
equal), so the chart still reads on a monochrome terminal or in a screen reader's dump."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from app.domain.diminishing import day_words
from app.domain.gaps import ExposurePoint

TOP = 10
"""Ratings run 1–10, one row each: no scaling, so a row is exactly a rating."""
ENJOYMENT = ("●", "$text-success")
CRAVING = ("✕", "$text-warning")
BOTH = ("◆", "$text-accent")
AXIS = 5  # "10 ┤ " before the plot
MIN_STEP, MAX_STEP = 2, 6  # columns per exposure
HEIGHT = TOP + 3  # the rows, the x axis, the day labels, the legend

_Part = str | tuple[str, str]


def _glyph(point: ExposurePoint, value: int) -> _Part:
    if point.enjoyment == value and point.craving == value:
        return BOTH
    if point.enjoyment == value:
        return ENJOYMENT
    if point.craving == value:
        return CRAVING
    return " "


def _day_labels(points: Sequence[ExposurePoint], step: int) -> str:
    """Short day names under the first exposure of each day, where they fit."""
    line = ""
    previous = None
    for index, point in enumerate(points):
        if point.day == previous:
            continue
        previous = point.day
        label = day_words(point.day).rsplit(" ", 1)[0]  # "Tue 24"
        column = index * step
        if column >= len(line) + (1 if line else 0):
            line = line.ljust(column) + label
    return line


def chart(points: Sequence[ExposurePoint], width: int) -> Content:
    """The chart for `width` columns: the latest exposures that fit, oldest on the left."""
    if not points:
        return Content("")
    plot = max(MIN_STEP, width - AXIS)
    step = max(MIN_STEP, min(MAX_STEP, plot // len(points)))
    visible = points[-(plot // step) :]
    lines: list[Content] = []
    for value in range(TOP, 0, -1):
        parts: list[_Part] = [(f"{value:>2} ┤ ", "$text-muted")]
        for point in visible:
            parts += [_glyph(point, value), " " * (step - 1)]
        lines.append(Content.assemble(*parts).rstrip())
    axis = "".join(
        ("┴" if i and point.day != visible[i - 1].day else "─") + "─" * (step - 1)
        for i, point in enumerate(visible)
    )
    lines.append(Content.styled(f"   └─{axis}", "$text-muted"))
    lines.append(Content.styled(" " * AXIS + _day_labels(visible, step), "$text-muted"))
    legend: list[_Part] = [
        ENJOYMENT,
        " enjoyment   ",
        CRAVING,
        " craving   ",
        BOTH,
        " both the same",
    ]
    if len(visible) < len(points):
        legend.append((f"   (latest {len(visible)} of {len(points)})", "$text-muted"))
    lines.append(Content.assemble(" " * AXIS, *legend))
    return Content("\n").join(lines)


class BalanceChart(Widget):
    """A chart of one stimulus's exposures; `show` replaces what it draws."""

    DEFAULT_CSS = f"""
    BalanceChart {{
        height: {HEIGHT};
    }}
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._points: tuple[ExposurePoint, ...] = ()

    def show(self, points: Sequence[ExposurePoint]) -> None:
        self._points = tuple(points)
        self.refresh()

    def render(self) -> Content:
        return chart(self._points, self.content_size.width)
