"""How the history view words things: one row per week, month or day of one pleasure, with
its two means side by side. Pure formatting of summaries the screen already has."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.content import Content

from app.domain.gaps import format_number
from app.domain.history import Period, PeriodSummary
from app.domain.wording import day_words
from app.ui.safe_text import shown

COLUMNS = ("period", "entries", "enjoyment", "craving")
_NAMES = {Period.WEEK: "week", Period.MONTH: "month", Period.DAY: "day"}


def row(summary: PeriodSummary) -> tuple[str | Text, ...]:
    return (
        summary.label,
        Text(str(summary.count), justify="right"),
        Text(format_number(summary.mean_enjoyment), justify="right"),
        Text(format_number(summary.mean_craving), justify="right"),
    )


def heading(name: str, period: Period, position: int, total: int) -> Content:
    """`coffee (1 of 3) · by week · mean enjoyment and craving per week`."""
    unit = _NAMES[period]
    return Content.assemble(
        shown(name, "bold"),
        (f"  ({position} of {total})" if total > 1 else "", "$text-muted"),
        f"  · by {unit} · mean enjoyment and craving per {unit}",
    )


def keys_hint(period: Period, several: bool) -> Content:
    switch = "←/→ another pleasure · " if several else ""
    return Content.styled(
        f"{switch}m: by {_NAMES[period.next]} · enter opens the {_NAMES[period]}'s entries",
        "$text-muted",
    )


def empty() -> Content:
    return Content.assemble(
        ("Nothing logged yet.", "bold"),
        "\n\nOnce you log exposures (c for the check-in, n for a quick log), this view "
        "shows every week and month of each pleasure, as far back as your journal goes.",
    )


def day_title(day: dt.date) -> str:
    return f"{day_words(day)} {day.year}"
