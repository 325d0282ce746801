"""Diminishing returns inside a day: the 2nd and 3rd exposure of a day rating lower than the
1st, and craving overtaking enjoyment. These are what the log flags and what the Track step
says about today. Plain sentences with the person's own numbers, never a judgment.

Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Protocol

from app.domain.gaps import ExposurePoint
from app.domain.wording import day_words, joined, ordinal


class AlertKind(enum.StrEnum):
    DIMINISHING = "diminishing"  # a later exposure of a day rated lower than the first
    CRAVING_AHEAD = "craving_ahead"  # craving above enjoyment in the latest exposure(s)


@dataclass(frozen=True)
class Alert:
    """A diminishing-returns signal; `day` is the local day it happened (None when it is
    about the latest exposures rather than one day)."""

    kind: AlertKind
    day: dt.date | None
    text: str


def alerts_for(points: Sequence[ExposurePoint], name: str) -> tuple[Alert, ...]:
    """One diminishing alert per local day whose later exposures rated lower than its first,
    oldest day first, then at most one alert when craving is above enjoyment in the latest
    exposure(s)."""
    alerts = []
    for day, group in groupby(points, key=lambda p: p.day):
        todays = list(group)
        first = todays[0]
        lower = [p for p in todays[1:] if p.enjoyment < first.enjoyment]
        if lower:
            text = (
                f"on {day_words(day)} your {joined([ordinal(p.nth_of_day) for p in lower])} "
                f"{name} rated {joined([str(p.enjoyment) for p in lower])} against "
                f"{first.enjoyment} for the first"
            )
            alerts.append(Alert(AlertKind.DIMINISHING, day, text))
    run = 0
    for p in reversed(points):
        if p.craving <= p.enjoyment:
            break
        run += 1
    if run:
        last = points[-1]
        numbers = f"craving {last.craving}, enjoyment {last.enjoyment}"
        if run == 1:
            text = f"craving overtook enjoyment in your latest {name}: {numbers}"
        else:
            text = (
                f"craving has been above enjoyment in your last {run} {name} entries "
                f"(latest: {numbers})"
            )
        alerts.append(Alert(AlertKind.CRAVING_AHEAD, None, text))
    return tuple(alerts)


class _Rated(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def occurred_at(self) -> dt.datetime: ...
    @property
    def enjoyment(self) -> int: ...
    @property
    def craving(self) -> int: ...


def _in_order(points: Iterable[_Rated]) -> list[_Rated]:
    return sorted(points, key=lambda p: (p.occurred_at, p.id))


def falling_while_rising(points: Iterable[_Rated]) -> bool:
    """For one stimulus's exposures of one day (points or plain exposures): did the last
    rate lower enjoyment and higher craving than the first? False with fewer than two."""
    ordered = _in_order(points)
    if len(ordered) < 2:
        return False
    first, last = ordered[0], ordered[-1]
    return last.enjoyment < first.enjoyment and last.craving > first.craving


def today_trend_sentence(points: Iterable[_Rated]) -> str:
    """The Track step's line about today, first exposure against the latest."""
    ordered = _in_order(points)
    if not ordered:
        return "today: none yet"
    first, last = ordered[0], ordered[-1]
    if len(ordered) == 1:
        return f"today: 1 so far (enjoyment {first.enjoyment}, craving {first.craving})"
    text = (
        f"today: enjoyment {first.enjoyment} → {last.enjoyment}, "
        f"craving {first.craving} → {last.craving}"
    )
    if falling_while_rising(ordered):
        text += " — enjoyment falling while craving rises"
    return text
