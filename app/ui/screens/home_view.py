"""How the home screen words things. Pure formatting of values the screen already has."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pendulum
from textual.content import Content

from app.clock import Zone
from app.domain.checkin import STEPS, StepState
from app.domain.durations import format_clock
from app.domain.records import CheckIn, Timer
from app.domain.timer_words import TIMER_DONE
from app.domain.wording import when
from app.ui.safe_text import shown

if TYPE_CHECKING:
    from app.domain.overview import Overview

_MARKS = {StepState.DONE: ("✓", "$success"), StepState.SKIPPED: ("–", "$text-muted")}


def checkin(record: CheckIn | None) -> Content:
    parts: list[Content | str | tuple[str, str]] = []
    for step in STEPS:
        state = record.progress.state(step) if record else StepState.PENDING
        mark, style = _MARKS.get(state, ("·", "$text-muted"))
        parts += [(mark, style), f" {step.title}   "]
    if record is None or not record.progress.started:
        parts.append(("not started", "$text-muted"))
    elif record.progress.complete:
        parts.append((f"{record.progress.done_count} of {len(STEPS)} done", "$success"))
    else:
        parts.append(f"{record.progress.settled_count} of {len(STEPS)} · c resumes")
    return Content.assemble(*parts)


def timers(running: list[Timer], now: pendulum.DateTime) -> Content:
    if not running:
        return Content.styled("No timers running.", "$text-muted")
    lines = []
    for timer in running:
        name = shown(timer.stimulus_name, width=24)
        if timer.has_run_out(now):
            ended = when(timer.ends_at, now)
            state = Content.styled(f"{TIMER_DONE} at {ended}", "$text-muted")
        else:
            state = Content.assemble(
                (format_clock(timer.remaining(now)).rjust(8), "bold"),
                f"  left · not before {when(timer.ends_at, now)}",
            )
        lines.append(Content.assemble(name, " ", state))
    return Content("\n").join(lines)


def today(overview: Overview, tz: Zone) -> list[tuple[str, Content]]:
    """Today's exposures and reframes, oldest first, each keyed for opening (see
    `app.ui.entries`)."""
    from app.domain.days import lived_clock
    from app.ui import entry_keys as entries
    from app.ui.screens.entry_view import exposure_line, reframe_line

    lived = [(e.occurred_at, e.utc_offset) for e in overview.today]
    lived += [(r.occurred_at, r.utc_offset) for r, _ in overview.reframes]
    width = max((len(lived_clock(at, offset, tz)) for at, offset in lived), default=0)
    rows = [
        (e.occurred_at, entries.key(entries.EXPOSURE, e.id), exposure_line(e, tz, width))
        for e in overview.today
    ]
    rows += [
        (r.occurred_at, entries.key(entries.REFRAME, r.id), reframe_line(r, name, tz, width))
        for r, name in overview.reframes
    ]
    rows.sort(key=lambda row: row[0])
    return [(key, line) for _, key, line in rows]


NOTHING_TODAY = "Nothing logged yet today."


def hint(overview: Overview) -> Content:
    record = overview.checkin
    if record is None or not record.progress.started:
        text = f"Press c to begin today's check-in: {', '.join(STEPS)}."
    elif not record.progress.complete:
        step = record.progress.resume_step()
        text = f"Press c to carry on from {step.title if step else 'the start'}."
    else:
        text = "Today's check-in is done. Press n to log another entry as it happens."
    return Content.styled(text, "$text-muted")
