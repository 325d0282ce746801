"""Spacing durations as people type them: `30m`, `90m`, `2h`, `2h30m`, `1h 15m`.

A bare number is refused: nobody can tell whether `90` means minutes or hours."""

from __future__ import annotations

import datetime as dt
import re

MAX_DURATION = dt.timedelta(days=7)
PRESETS: tuple[str, ...] = ("30m", "1h", "2h", "4h")

_PATTERN = re.compile(r"^\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m)?\s*$", re.IGNORECASE)
_LIMIT = "a spacing timer can last at most 7 days"


class DurationError(ValueError):
    """A duration that teeter cannot read."""


def parse_duration(text: str) -> dt.timedelta:
    """A positive duration of at most 7 days; DurationError (one line) otherwise. Any number
    of digits reads: `1000h` is too long, exactly like `999h`, not unreadable."""
    negative = _PATTERN.match(text.strip()[1:]) if text.strip().startswith("-") else None
    if negative is not None and (negative["h"] or negative["m"]):
        raise DurationError(f"a duration must be longer than zero, not {text.strip()!r}")
    match = _PATTERN.match(text)
    if not text.strip() or match is None or (match["h"] is None and match["m"] is None):
        raise DurationError(
            f"cannot read the duration {text!r}: use hours and minutes like 30m, 2h or 2h30m"
        )
    hours, minutes = int(match["h"] or 0), int(match["m"] or 0)
    if hours * 60 + minutes > MAX_DURATION.total_seconds() // 60:  # before timedelta overflows
        raise DurationError(_LIMIT)
    delta = dt.timedelta(hours=hours, minutes=minutes)
    if delta <= dt.timedelta(0):
        raise DurationError("a duration must be longer than zero")
    return delta


def extended_end(started_at: dt.datetime, ends_at: dt.datetime, by: dt.timedelta) -> dt.datetime:
    """The end of a timer extended by `by`. Extending keeps the limit starting has: a timer
    lasts at most 7 days from its start, however many times it is extended."""
    room = MAX_DURATION - (ends_at - started_at)
    if by > room:
        more = (
            f"; this one can grow by {format_duration(room)} more"
            if room.total_seconds() >= 60
            else ""
        )
        raise DurationError(f"{_LIMIT} in all{more}")
    return ends_at + by


def format_duration(delta: dt.timedelta) -> str:
    """`1h12m`, `45m`, `2h`; under a minute shows seconds (`40s`). Never negative."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return f"{seconds}s"
    minutes = (seconds + 59) // 60 if seconds % 60 else seconds // 60
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours}h{minutes:02d}m"
    return f"{hours}h" if hours else f"{minutes}m"


def format_gap(gap: dt.timedelta | None) -> str:
    """A gap to the minute it was measured to: `25m`, `2h10m`, `1d 30m`, `1d 2h05m`, `2d`.
    A day is written as a day, but never at the cost of the hours and minutes after it
    (24 h 30 m is `1d 30m`, not `1d`). An em dash when nothing came before."""
    if gap is None:
        return "—"
    if gap < dt.timedelta(days=1):
        return format_duration(gap)
    minutes = int(gap.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    tail = f"{hours}h{minutes:02d}m" if hours and minutes else f"{hours}h" if hours else ""
    if not hours and minutes:
        tail = f"{minutes}m"
    return f"{days}d {tail}" if tail else f"{days}d"


def format_clock(delta: dt.timedelta) -> str:
    """A countdown face: `1:05:09` or `4:09`."""
    seconds = max(0, int(delta.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
