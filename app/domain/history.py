"""The whole history of one pleasure, week by week or month by month: is the practice working
over time? Each period keeps enjoyment and craving apart (two means, never one score), and
counts its exposures so a mean of one rating is read as what it is.

Periods follow the person's days (a 00:30 coffee counts for the evening before), weeks start
on Monday. Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from math import fsum

import pendulum

from app.domain.days import local_day
from app.domain.records import Exposure
from app.domain.wording import day_words

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


class Period(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"
    DAY = "day"

    @property
    def next(self) -> Period:
        order = list(Period)
        return order[(order.index(self) + 1) % len(order)]


def period_start(day: dt.date, period: Period) -> dt.date:
    if period is Period.WEEK:
        return day - dt.timedelta(days=day.weekday())
    if period is Period.MONTH:
        return day.replace(day=1)
    return day


def period_end(start: dt.date, period: Period) -> dt.date:
    """The last day of the period that starts on `start`."""
    if period is Period.WEEK:
        return start + dt.timedelta(days=6)
    if period is Period.MONTH:
        following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return start


def period_label(start: dt.date, period: Period) -> str:
    """`week of Mon 23 Nov 2026`, `November 2026`, `Tue 24 Nov 2026`."""
    if period is Period.WEEK:
        return f"week of {day_words(start)} {start.year}"
    if period is Period.MONTH:
        return f"{_MONTHS[start.month - 1]} {start.year}"
    return f"{day_words(start)} {start.year}"


@dataclass(frozen=True)
class PeriodSummary:
    period: Period
    first_day: dt.date
    last_day: dt.date
    count: int
    mean_enjoyment: float
    mean_craving: float

    @property
    def label(self) -> str:
        return period_label(self.first_day, self.period)


def summarise(
    exposures: Iterable[Exposure],
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
    period: Period,
) -> list[PeriodSummary]:
    """One summary per period that has exposures, newest first. Empty periods are left out
    (a week without logging is not a week of zeros)."""
    groups: dict[dt.date, list[Exposure]] = {}
    for exposure in exposures:
        day = local_day(exposure.occurred_at, tz, day_start_hour)
        groups.setdefault(period_start(day, period), []).append(exposure)
    summaries = [
        PeriodSummary(
            period,
            start,
            period_end(start, period),
            len(items),
            fsum(e.enjoyment for e in items) / len(items),
            fsum(e.craving for e in items) / len(items),
        )
        for start, items in groups.items()
    ]
    return sorted(summaries, key=lambda s: s.first_day, reverse=True)
