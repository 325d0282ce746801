"""How the home screen words things. Pure formatting of values the screen already has."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum
from textual.content import Content

from app.clock import zone_of
from app.domain.checkin import STEPS, StepState
from app.domain.durations import format_clock
from app.domain.records import CheckIn, Exposure, Timer
from app.domain.timer_words import TIMER_DONE
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
        parts.append((f"{record.progress.done_count} of 4 done", "$success"))
    else:
        parts.append(f"{record.progress.settled_count} of 4 · c resumes")
    return Content.assemble(*parts)


def timers(running: list[Timer], now: pendulum.DateTime) -> Content:
    if not running:
        return Content.styled("No timers running.", "$text-muted")
    lines = []
    for timer in running:
        end = pendulum.instance(timer.ends_at).in_timezone(zone_of(now))
        name = shown(timer.stimulus_name, width=24)
        if timer.has_run_out(now):
            state = Content.styled(f"{TIMER_DONE} at {end.format('HH:mm')}", "$text-muted")
        else:
            state = Content.assemble(
                (format_clock(timer.remaining(now)).rjust(8), "bold"),
                f"  left · not before {end.format('HH:mm')}",
            )
        lines.append(Content.assemble(name, " ", state))
    return Content("\n").join(lines)


def today(exposures: list[Exposure], tz: pendulum.Timezone) -> Content:
    if not exposures:
        return Content.styled("Nothing logged yet today.", "$text-muted")
    lines = []
    for exposure in exposures[-6:]:
        at = pendulum.instance(exposure.occurred_at).in_timezone(tz).format("HH:mm")
        lines.append(
            Content.assemble(
                f"{at}  ",
                shown(exposure.stimulus_name, width=24),
                f"  enjoyment {exposure.enjoyment:>2}   craving {exposure.craving:>2}",
            )
        )
    more = len(exposures) - 6
    if more > 0:
        lines.insert(0, Content.styled(f"… {more} earlier today", "$text-muted"))
    return Content("\n").join(lines)


def hint(overview: Overview) -> Content:
    record = overview.checkin
    if record is None or not record.progress.started:
        text = "Press c to begin today's check-in: notice, track, space, reframe."
    elif not record.progress.complete:
        step = record.progress.resume_step()
        text = f"Press c to carry on from {step.title if step else 'the start'}."
    else:
        text = "Today's check-in is done. Press n to log another exposure as it happens."
    return Content.styled(text, "$text-muted")


def day_label(day: dt.date) -> str:
    return day.strftime("%a %-d %b")
