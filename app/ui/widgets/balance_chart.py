"""Enjoyment and craving across a run of exposures, drawn with plain characters.

The two series differ in glyph as well as colour (● enjoyment, ✕ craving, ◆ where they are
equal), so the chart still reads on a monochrome terminal or in a screen reader's dump."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from app.domain.gaps import ExposurePoint
from app.domain.wording import day_words

TOP = 10
"""Ratings run 1–10, one row each: no scaling, so a row is exactly a rating."""
ENJOYMENT = ("●", "$text-success")
CRAVING = ("✕", "$text-warning")
BOTH = ("◆", "$text-accent")
AXIS = 5  # "10 ┤ " before the plot
MIN_STEP = 3  # columns per exposure at the tightest: room for a day label like "24 "
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


def columns(count: int, plot: int) -> list[int]:
    """Where each of `count` points goes in `plot` columns: spread over the whole width
    (first at the left edge, last at the right), never closer than MIN_STEP."""
    if count == 1:
        return [0]
    last = plot - 1
    return [round(i * last / (count - 1)) for i in range(count)]


def _day_labels(points: Sequence[ExposurePoint], places: Sequence[int], room: int) -> str:
    """Every day named under its first exposure: "Tue 24" where it fits before the next
    day's first exposure (leaning left at the right edge), else just "24" (MIN_STEP
    guarantees that much room)."""
    firsts = [i for i, p in enumerate(points) if i == 0 or p.day != points[i - 1].day]
    line = ""
    for n, index in enumerate(firsts):
        column = places[index]
        limit = places[firsts[n + 1]] - 1 if n + 1 < len(firsts) else room
        long = day_words(points[index].day).rsplit(" ", 1)[0]  # "Tue 24"
        short = str(points[index].day.day)
        earliest = len(line) + 1 if line else 0
        start = max(earliest, min(column, limit - len(long)))  # may lean left at the edge
        if start + len(long) <= limit:
            line = line.ljust(start) + long
        else:
            line = line.ljust(column) + short
    return line


def chart(points: Sequence[ExposurePoint], width: int) -> Content:
    """The chart for `width` columns: the latest exposures that fit, oldest on the left,
    spread over the whole width."""
    if not points:
        return Content("")
    plot = max(MIN_STEP, width - AXIS - 2)  # room for the last day's label ("24")
    fits = max(1, (plot - 1) // MIN_STEP + 1)
    visible = points[-fits:]
    places = columns(len(visible), plot)
    lines: list[Content] = []
    for value in range(TOP, 0, -1):
        row = [" "] * plot
        styled: list[_Part] = [(f"{value:>2} ┤ ", "$text-muted")]
        cursor = 0
        for point, column in zip(visible, places, strict=True):
            glyph = _glyph(point, value)
            if glyph == " ":
                continue
            styled.append("".join(row[cursor:column]))
            styled.append(glyph)
            cursor = column + 1
        lines.append(Content.assemble(*styled).rstrip())
    axis = ["─"] * plot
    for i, (point, column) in enumerate(zip(visible, places, strict=True)):
        if i and point.day != visible[i - 1].day:
            axis[column] = "┴"
    lines.append(Content.styled("   └─" + "".join(axis), "$text-muted"))
    lines.append(
        Content.styled(" " * AXIS + _day_labels(visible, places, width - AXIS), "$text-muted")
    )
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
