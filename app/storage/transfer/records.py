"""What an export file holds, once checked: plain values with UTC times and stimuli named by
their case-folded key. `parse` builds them; `merge` writes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from app.storage.transfer.exposure_fields import POSITION

LABEL_MAX = 300  # as app.storage.tables.reframes
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
    """An exposure read from a file: its stimulus's key and, by position, the value of every
    other field of `exposure_fields.FIELDS` (`e.occurred_at`, `e.note`, ... read them by
    name). A tuple, not a dict: an import holds 100k of these."""

    stimulus: str  # name_key
    values: tuple[Any, ...]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[POSITION[name]]
        except KeyError:
            raise AttributeError(name) from None

    def but(self, **changes: Any) -> ExposureIn:
        """The same exposure with some fields changed."""
        values = list(self.values)
        for name, value in changes.items():
            values[POSITION[name]] = value
        return ExposureIn(self.stimulus, tuple(values))


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

    def offset(entry: ExposureIn | ReframeIn) -> int | None:
        return offset_minutes(entry.occurred_at.astimezone(zone))

    bundle.exposures = [
        e if e.utc_offset is not None else e.but(utc_offset=offset(e)) for e in bundle.exposures
    ]
    bundle.reframes = [
        r if r.utc_offset is not None else replace(r, utc_offset=offset(r)) for r in bundle.reframes
    ]
    return bundle
