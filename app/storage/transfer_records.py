"""What an export file holds, once checked: plain values with UTC times and stimuli named by
their case-folded key. `transfer_parse` builds them; `transfer_import` writes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TypeVar

LABEL_MAX = 300  # as app.storage.reframes
EXPERIMENT_STATES = ("running", "completed", "abandoned")


@dataclass(frozen=True, slots=True)
class StimulusIn:
    name: str
    key: str
    kind: str
    archived: bool
    created_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ExposureIn:
    stimulus: str  # name_key
    occurred_at: dt.datetime
    enjoyment: int
    craving: int
    note: str
    source: str
    created_at: dt.datetime | None
    utc_offset: int | None = None  # minutes east of UTC; None: not in the file (version < 3)


@dataclass(frozen=True, slots=True)
class CheckInIn:
    day: dt.date
    steps: dict[str, str]  # every step of `app.domain.checkin.STEPS` by name: its state
    started_at: dt.datetime
    completed_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class TimerIn:
    stimulus: str
    started_at: dt.datetime
    ends_at: dt.datetime
    ended_at: dt.datetime | None
    end_reason: str | None
    urge: int | None
    urge_asked: bool


@dataclass(frozen=True, slots=True)
class UrgeIn:
    stimulus: str
    rated_at: dt.datetime
    urge: int
    source: str
    timer_started_at: dt.datetime | None  # names its timer by (stimulus, start)


@dataclass(frozen=True, slots=True)
class ReframeIn:
    occurred_at: dt.datetime
    stimulus: str | None
    label: str
    craving_before: int
    craving_after: int | None
    surf_minutes: int | None
    outcome: str | None
    utc_offset: int | None = None  # minutes east of UTC; None: not in the file (version < 3)


@dataclass(frozen=True, slots=True)
class ExperimentIn:
    first_day: dt.date
    days: int
    state: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    summary: str | None
    stimuli: tuple[str, ...]


@dataclass
class Bundle:
    """A checked export: every record valid, every stimulus a record names listed."""

    stimuli: list[StimulusIn] = field(default_factory=list)
    exposures: list[ExposureIn] = field(default_factory=list)
    checkins: list[CheckInIn] = field(default_factory=list)
    timers: list[TimerIn] = field(default_factory=list)
    reframes: list[ReframeIn] = field(default_factory=list)
    urges: list[UrgeIn] = field(default_factory=list)
    experiments: list[ExperimentIn] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)


def with_offsets(bundle: Bundle, zone: dt.tzinfo) -> Bundle:
    """Entries from a file made before version 3 do not say where they were lived: each
    gets the offset `zone` (the importer's) had at its time, as the schema step gives rows
    that predate it. Entries that say keep theirs."""
    from app.domain.days import offset_minutes

    def fill(entry: _E) -> _E:
        if entry.utc_offset is not None:
            return entry
        return replace(entry, utc_offset=offset_minutes(entry.occurred_at.astimezone(zone)))

    bundle.exposures = [fill(e) for e in bundle.exposures]
    bundle.reframes = [fill(r) for r in bundle.reframes]
    return bundle


_E = TypeVar("_E", ExposureIn, ReframeIn)
