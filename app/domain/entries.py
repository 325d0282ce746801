"""What a corrected entry must satisfy before it is written: the same rules as a new one.

An edit is checked here, in one place, whether it comes from the app's entry screen or a
future caller: ratings 1-10, a usable stimulus name, a note within its length, a label that
is not empty, and a time that has already happened."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.plausible import EARLIEST, FUTURE_SLACK
from app.domain.ratings import check_rating
from app.domain.records import Outcome
from app.domain.text import clean_name, clean_note, one_line

LABEL_MAX = 300


class EntryError(ValueError):
    """A change that cannot be saved, said in one line."""


@dataclass(frozen=True)
class ExposureChange:
    stimulus: str
    occurred_at: dt.datetime
    enjoyment: int
    craving: int
    note: str


@dataclass(frozen=True)
class ReframeChange:
    stimulus: str | None
    occurred_at: dt.datetime
    label: str
    craving_before: int
    craving_after: int | None
    outcome: Outcome | None


def _happened(occurred_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    if occurred_at.tzinfo is None:
        raise EntryError("a time needs its zone")
    if occurred_at > now + FUTURE_SLACK:
        raise EntryError("that time is in the future; an entry records what has happened")
    if occurred_at < EARLIEST:  # the same rule as for a new entry (`app.domain.plausible`)
        raise EntryError("that time is before the year 2000, when teeter's times begin")
    return occurred_at


def clean_label(text: str) -> str:
    """A reframe's label as stored: one line, trimmed, at most LABEL_MAX characters."""
    label = one_line(text).strip()[:LABEL_MAX]
    if not label:
        raise EntryError("a reframe needs a label")
    return label


def checked_exposure(
    *,
    stimulus: str,
    occurred_at: dt.datetime,
    enjoyment: int,
    craving: int,
    note: str,
    now: dt.datetime,
) -> ExposureChange:
    """The change, cleaned; raises a ValueError (RatingError, StimulusNameError, EntryError)
    naming what is wrong."""
    return ExposureChange(
        stimulus=clean_name(stimulus),
        occurred_at=_happened(occurred_at, now),
        enjoyment=check_rating(enjoyment, "enjoyment"),
        craving=check_rating(craving, "craving"),
        note=clean_note(note),
    )


def checked_reframe(
    *,
    stimulus: str | None,
    occurred_at: dt.datetime,
    label: str,
    craving_before: int,
    craving_after: int | None,
    outcome: Outcome | None,
    now: dt.datetime,
) -> ReframeChange:
    return ReframeChange(
        stimulus=clean_name(stimulus) if stimulus and stimulus.strip() else None,
        occurred_at=_happened(occurred_at, now),
        label=clean_label(label),
        craving_before=check_rating(craving_before, "craving before"),
        craving_after=None
        if craving_after is None
        else check_rating(craving_after, "craving after"),
        outcome=outcome,
    )
