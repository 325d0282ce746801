"""The one line `teeter status` prints for a shell prompt, e.g. `coffee 1h12m · check-in 2/4`.

It says only what is useful right now: each stimulus with a spacing timer (time left, or
`coffee: timer done` once its end has passed) and a check-in that was started today and not
finished.
A check-in not started is not mentioned (a prompt that nags gets switched off), nor is a
finished one. When there is nothing to say the line is empty.

Standard library only: this runs on every prompt, and pendulum alone would cost ~30 ms."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from app.domain.durations import format_duration
from app.domain.timer_words import timer_end_words

SEPARATOR = " · "
PENDING = "pending"  # app.domain.checkin.StepState.PENDING


def timer_parts(timers: Iterable[tuple[str, dt.datetime]], now: dt.datetime) -> list[str]:
    """One part per stimulus, soonest first. A stimulus with a running timer shows the time
    until its latest end; one whose timers have all run out says so in neutral words
    (`coffee: timer done`, never "ready")."""
    latest: dict[str, dt.datetime] = {}
    for name, ends_at in timers:
        if name not in latest or ends_at > latest[name]:
            latest[name] = ends_at
    parts = []
    for name, ends_at in sorted(latest.items(), key=lambda item: item[1]):
        shown = _printable(name)
        if ends_at <= now:
            parts.append(timer_end_words(shown))
        else:
            parts.append(f"{shown} {format_duration(ends_at - now)}")
    return parts


def checkin_part(steps: Sequence[str] | None) -> str | None:
    """`check-in 2/4` while today's check-in is under way (steps done or skipped, of all)."""
    if not steps:
        return None
    settled = sum(state != PENDING for state in steps)
    if settled == 0 or settled == len(steps):
        return None
    return f"check-in {settled}/{len(steps)}"


def status_line(
    timers: Iterable[tuple[str, dt.datetime]], checkin_steps: Sequence[str] | None, now: dt.datetime
) -> str:
    parts = timer_parts(timers, now)
    checkin = checkin_part(checkin_steps)
    if checkin:
        parts.append(checkin)
    return SEPARATOR.join(parts)


def _printable(name: str) -> str:
    """A name as a prompt can show it: no control characters, on one line."""
    cleaned = "".join(char if char.isprintable() else " " for char in name)
    return " ".join(cleaned.split()) or "?"
