"""What teeter keeps, as plain values. Storage turns rows into these; screens show them."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.checkin import CheckInProgress
from app.domain.text import one_line, strip_controls

if TYPE_CHECKING:
    import pendulum  # not at run time: `teeter status` reads records and must stay light


def _clean(record: object, **fields: str) -> None:
    """Every text a record holds goes through the one sanitiser (app.domain.text), so no
    screen or command can show a control character that came from a file."""
    for name, kind in fields.items():
        value = getattr(record, name)
        if isinstance(value, str):
            cleaned = one_line(value) if kind == "line" else strip_controls(value)
            if cleaned is not value:
                object.__setattr__(record, name, cleaned)


class StimulusKind(enum.StrEnum):
    """What a pleasure is. The stored values never change (exports carry them); `label` is
    what a person reads. Substances come in the classes whose care differs: stopping
    alcohol or a sedative quickly can be life-threatening, a break from an opioid lowers
    tolerance, nicotine is hard but not dangerous to cut down. `SUBSTANCE` is every other
    substance (cannabis, stimulants, anything else), and the value files before 0.2 used
    for all of them."""

    FOOD = "food"
    DRINK = "drink"
    CAFFEINE = "caffeine"
    SCREEN = "screen/social"
    ALCOHOL = "alcohol"
    SEDATIVE = "sedative"
    OPIOID = "opioid"
    NICOTINE = "nicotine"
    SUBSTANCE = "substance"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS.get(self.value, self.value)

    @property
    def is_substance(self) -> bool:
        return self in SUBSTANCE_KINDS


_KIND_LABELS = {
    "drink": "drink (non-alcoholic)",
    "sedative": "sedative / sleeping pill",
    "substance": "other substance",
}

SUBSTANCE_KINDS = frozenset(
    {
        StimulusKind.ALCOHOL,
        StimulusKind.SEDATIVE,
        StimulusKind.OPIOID,
        StimulusKind.NICOTINE,
        StimulusKind.SUBSTANCE,
    }
)


class ExposureSource(enum.StrEnum):
    NOTICE = "notice"
    TRACK = "track"
    QUICK = "quick"
    SHELL = "shell"
    IMPORT = "import"


class TimerEnd(enum.StrEnum):
    RAN_OUT = "ran_out"
    ENDED_EARLY = "ended_early"
    CANCELLED = "cancelled"


class Outcome(enum.StrEnum):
    WAITED = "waited"
    HAD_IT = "had_it"
    DECIDING = "deciding"

    @property
    def label(self) -> str:
        return {"waited": "waited it out", "had_it": "had it", "deciding": "still deciding"}[
            self.value
        ]


@dataclass(frozen=True)
class Stimulus:
    id: int
    name: str
    kind: StimulusKind = StimulusKind.OTHER
    archived: bool = False

    def __post_init__(self) -> None:
        _clean(self, name="line")


@dataclass(frozen=True)
class Exposure:
    id: int
    stimulus_id: int
    stimulus_name: str
    occurred_at: dt.datetime  # aware, UTC
    enjoyment: int
    craving: int
    note: str = ""
    source: ExposureSource = ExposureSource.TRACK
    utc_offset: int | None = None  # minutes east of UTC where it was logged (days as lived)

    def __post_init__(self) -> None:
        _clean(self, stimulus_name="line", note="block")


@dataclass(frozen=True)
class ExposureDraft:
    """One exposure as a person entered it, checked but not saved: what a form hands to
    the screen, which saves it with `storage.exposures.log_draft`."""

    stimulus: str
    occurred_at: pendulum.DateTime
    enjoyment: int
    craving: int
    note: str
    kind: StimulusKind | None = None  # asked only for a new pleasure

    @classmethod
    def of(cls, exposure: Exposure) -> ExposureDraft:
        """What a saved exposure looks like in the form (going back to a step)."""
        import pendulum

        return cls(
            exposure.stimulus_name,
            pendulum.instance(exposure.occurred_at),
            exposure.enjoyment,
            exposure.craving,
            exposure.note,
        )


@dataclass(frozen=True)
class Timer:
    id: int
    stimulus_id: int
    stimulus_name: str
    started_at: dt.datetime  # aware, UTC
    ends_at: dt.datetime  # aware, UTC
    ended_at: dt.datetime | None = None
    end_reason: TimerEnd | None = None
    urge: int | None = None
    urge_asked: bool = False

    def __post_init__(self) -> None:
        _clean(self, stimulus_name="line")

    @property
    def active(self) -> bool:
        return self.ended_at is None

    def remaining(self, now: dt.datetime) -> dt.timedelta:
        """Time left is the stored end minus now: never counted, so sleep cannot skew it;
        and never more than the timer's own length (a clock set back before its start)."""
        return max(dt.timedelta(0), min(self.ends_at - now, self.ends_at - self.started_at))

    def has_run_out(self, now: dt.datetime) -> bool:
        return now >= self.ends_at

    def fraction_done(self, now: dt.datetime) -> float:
        total = (self.ends_at - self.started_at).total_seconds()
        if total <= 0:
            return 1.0
        return min(1.0, max(0.0, (now - self.started_at).total_seconds() / total))


@dataclass(frozen=True)
class Reframe:
    id: int
    occurred_at: dt.datetime  # aware, UTC
    stimulus_id: int | None
    label: str
    craving_before: int
    craving_after: int | None
    outcome: Outcome | None
    surf_minutes: int | None = None
    utc_offset: int | None = None  # minutes east of UTC where it was logged (days as lived)

    def __post_init__(self) -> None:
        _clean(self, label="line")


@dataclass(frozen=True)
class CheckIn:
    id: int
    day: dt.date
    progress: CheckInProgress
    started_at: dt.datetime
    completed_at: dt.datetime | None = None


@dataclass(frozen=True)
class StimulusCounts:
    """What is recorded for one stimulus, so a deletion can say exactly what goes with it."""

    exposures: int = 0
    timers: int = 0
    reframes: int = 0
    experiments: int = 0  # experiments it is part of (only the link is removed)


@dataclass(frozen=True)
class StimulusEntry:
    """A stimulus as the stimuli screen lists it: archived ones included."""

    stimulus: Stimulus
    exposures: int
