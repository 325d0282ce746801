"""How the Timers screen words and draws things: one line per running timer (time left, a
drawn progress bar, the end time) and the suggestion from the person's own data."""

from __future__ import annotations

import datetime as dt

import pendulum
from textual.content import Content

from app.domain.durations import format_clock
from app.domain.records import Timer
from app.domain.safety import TIMER_DONE
from app.domain.wording import when
from app.ui.safe_text import shown

NAME_WIDTH = 19
BAR_WIDTH = 20


def bar(fraction: float, width: int = BAR_WIDTH) -> Content:
    done = round(max(0.0, min(1.0, fraction)) * width)
    return Content.assemble(("━" * done, "$accent"), ("━" * (width - done), "$text-muted 40%"))


def row(timer: Timer, now: pendulum.DateTime) -> Content:
    """`coffee   1:05:09  ━━━━━━━━━━━━────────  until 14:30`: time left is the stored end
    minus now, recomputed on every call, never a counter."""
    name = shown(timer.stimulus_name, width=NAME_WIDTH)  # cells, not characters: 咖啡 is 4
    until = until_text(timer.ends_at, now)
    if timer.has_run_out(now):
        left = Content.styled(TIMER_DONE.rjust(10), "$text-muted")
    else:
        left = Content.styled(format_clock(timer.remaining(now)).rjust(10), "bold")
    return Content.assemble(
        name, "  ", left, "  ", bar(timer.fraction_done(now)), f"  until {until}"
    )


def until_text(ends_at: dt.datetime, now: pendulum.DateTime) -> str:
    """`14:30` today, `tomorrow 02:30`, `Thu 02:30` within the week, in the person's zone."""
    return when(ends_at, now)
