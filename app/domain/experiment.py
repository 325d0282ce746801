"""The three-day experiment: day 1 is a baseline (log as usual), days 2 and 3 are spaced,
then the two are compared in the person's own numbers.

Days are local dates (see `app.domain.days`), never 24-hour blocks, so a DST night inside
the experiment cannot shift them. Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from math import fsum
from typing import Any

import pendulum

from app.domain.balance import analyse_stimulus
from app.domain.durations import format_duration
from app.domain.gaps import build_points, format_number, round_half_up
from app.domain.records import Exposure, StimulusKind
from app.domain.safety import guidance
from app.domain.spacing import suggest_interval
from app.domain.text import one_line

EXPERIMENT_DAYS = 3
BASELINE_DAYS = 1
FALLBACK_STEP = dt.timedelta(minutes=30)
FALLBACK_MIN = dt.timedelta(hours=1)
"""When day 1 holds too little for the gap evidence, the suggestion is day 1's mean gap
doubled, rounded to the half hour, and never under an hour (shorter is hardly spacing)."""


class ExperimentState(enum.StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Phase(enum.StrEnum):
    BASELINE = "baseline"
    SPACED = "spaced"


@dataclass(frozen=True)
class ExperimentStimulus:
    id: int
    name: str
    kind: StimulusKind = StimulusKind.OTHER

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", one_line(self.name))


@dataclass(frozen=True)
class Experiment:
    id: int
    first_day: dt.date
    days: int
    state: ExperimentState
    started_at: dt.datetime  # aware, UTC
    stimuli: tuple[ExperimentStimulus, ...]
    ended_at: dt.datetime | None = None
    summary: str | None = None  # JSON of a `Summary`, written when it completes

    def stored_summary(self) -> Summary | None:
        """The summary written when it completed; None when there is none or the stored one
        cannot be read (a damaged or crafted file: shown as such, never a crash)."""
        if not self.summary:
            return None
        try:
            return Summary.from_json(self.summary)
        except SummaryError:
            return None

    @property
    def last_day(self) -> dt.date:
        return self.first_day + dt.timedelta(days=self.days - 1)

    def day_number(self, today: dt.date) -> int:
        """1 on the first day; above `days` once it is over."""
        return (today - self.first_day).days + 1

    def is_over(self, today: dt.date) -> bool:
        return today > self.last_day


def phase_of(day_number: int) -> Phase:
    return Phase.BASELINE if day_number <= BASELINE_DAYS else Phase.SPACED


def status_line(experiment: Experiment, today: dt.date) -> str:
    """The home screen's line: "experiment: day 2 of 3 (spaced)"."""
    n = experiment.day_number(today)
    if experiment.is_over(today):
        return "experiment: all three days are over"
    return f"experiment: day {n} of {experiment.days} ({phase_of(n).value})"


@dataclass(frozen=True)
class SpacingHint:
    """A timer length for the spaced days and where the number came from; `interval` is
    None when there is nothing to suggest (the reason says why)."""

    interval: dt.timedelta | None
    reason: str


def _round_to_step(delta: dt.timedelta) -> dt.timedelta:
    steps = math.floor(delta.total_seconds() / FALLBACK_STEP.total_seconds() + 0.5)  # half up
    return max(FALLBACK_MIN, steps * FALLBACK_STEP)


def suggest_from_baseline(
    baseline: Sequence[Exposure],
    name: str,
    kind: StimulusKind,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> SpacingHint:
    """A gap for the spaced days from day 1 alone: the gap evidence when day 1 holds enough
    (`spacing.suggest_interval`), else day 1's mean gap doubled."""
    care = guidance(kind, name)
    if not care.may_suggest_spacing:
        return SpacingHint(
            None, "no suggested gap for a substance: talk with a doctor or pharmacist first"
        )
    if len(baseline) < 2:
        count = "no" if not baseline else "one"
        return SpacingHint(
            None, f"day 1 had {count} {name} logged, so there is no gap to start from"
        )
    analysis = analyse_stimulus(baseline, tz, day_start_hour)
    found = suggest_interval(analysis, kind)
    if found is not None:
        return SpacingHint(found.interval, f"from day 1: {found.reason}")
    gaps = [p.gap for p in analysis.points if p.gap is not None]
    mean = dt.timedelta(seconds=fsum(g.total_seconds() for g in gaps) / len(gaps))
    return SpacingHint(
        _round_to_step(mean * 2),
        f"day 1's mean gap was {format_duration(mean)}: doubled, rounded to the half hour"
        f", at least 1h",
    )


# --- the comparison ---------------------------------------------------------------------
SUMMARY_VERSION = 1


@dataclass(frozen=True)
class Period:
    """One side of the comparison for one pleasure. `logged_days` counts the period's days
    with any entry for the experiment's pleasures: a day without entries is a day nobody
    logged, not a day without the pleasure, so per-day figures divide by logged days."""

    days: int
    logged_days: int
    exposures: int
    mean_enjoyment: float | None
    mean_craving: float | None
    mean_gap_minutes: float | None  # between exposures on the same day

    @property
    def per_day(self) -> float | None:
        return self.exposures / self.logged_days if self.logged_days else None


@dataclass(frozen=True)
class StimulusComparison:
    stimulus_id: int
    name: str
    baseline: Period
    spaced: Period
    sentence: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", one_line(self.name))
        object.__setattr__(self, "sentence", one_line(self.sentence))


@dataclass(frozen=True)
class DayEntry:
    number: int
    day: dt.date
    exposures: int


@dataclass(frozen=True)
class Summary:
    first_day: dt.date
    days: int
    day_entries: tuple[DayEntry, ...]
    stimuli: tuple[StimulusComparison, ...]

    def to_json(self) -> str:
        data = asdict(self)
        data["version"] = SUMMARY_VERSION
        return json.dumps(data, default=str, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Summary:
        """The stored summary, or SummaryError when it is not one (a damaged or crafted
        file): every field is checked for its type and range before it is used."""
        try:
            summary = cls._read(json.loads(text))
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError):
            raise SummaryError("the stored summary cannot be read") from None
        if not 1 <= summary.days <= MAX_EXPERIMENT_DAYS or len(summary.stimuli) > 100:
            raise SummaryError("the stored summary is out of range")
        return summary

    @classmethod
    def _read(cls, data: dict[str, Any]) -> Summary:
        if not isinstance(data, dict):
            raise TypeError
        return cls(
            first_day=dt.date.fromisoformat(data["first_day"]),
            days=_int(data["days"]),
            day_entries=tuple(
                DayEntry(_int(e["number"]), dt.date.fromisoformat(e["day"]), _int(e["exposures"]))
                for e in data["day_entries"]
            ),
            stimuli=tuple(
                StimulusComparison(
                    _int(s["stimulus_id"]),
                    _text(s["name"]),
                    _period(s["baseline"]),
                    _period(s["spaced"]),
                    _text(s["sentence"]),
                )
                for s in data["stimuli"]
            ),
        )


class SummaryError(ValueError):
    """A stored experiment summary that is not one."""


MAX_EXPERIMENT_DAYS = 31
"""The most days an experiment may span (teeter's run three): a bound on stored values."""


def _int(value: object, limit: int = 10**6) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not -limit <= value <= limit:
        raise ValueError("not a small whole number")
    return value


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError("not a number")
    if not -(10**6) <= value <= 10**6:
        raise ValueError("out of range")
    return float(value)


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > 2000:
        raise ValueError("not text")
    return value


def _period(data: object) -> Period:
    if not isinstance(data, dict):
        raise TypeError
    return Period(
        days=_int(data.get("days")),
        logged_days=_int(data.get("logged_days")),
        exposures=_int(data.get("exposures")),
        mean_enjoyment=_number(data.get("mean_enjoyment")),
        mean_craving=_number(data.get("mean_craving")),
        mean_gap_minutes=_number(data.get("mean_gap_minutes")),
    )


def _mean(values: Sequence[float]) -> float | None:
    return fsum(values) / len(values) if values else None


def _moved(what: str, before: float, after: float) -> str:
    change = round(round_half_up(after) - round_half_up(before), 1)
    if change == 0:
        return f"{what} held at {format_number(after)}"
    verb = "rose" if change > 0 else "fell"
    return f"{what} {verb} {format_number(before)} → {format_number(after)}"


def comparison_sentence(baseline: Period, spaced: Period) -> str:
    """Plain words, no praise or blame: what moved between day 1 and the spaced days."""
    if not baseline.exposures and not spaced.exposures:
        return "nothing logged for it during the three days"
    if not baseline.exposures:
        return "nothing logged for it on day 1, so there is no baseline to compare with"
    if not spaced.exposures:
        return "nothing logged for it on the spaced days, so there is nothing to compare"
    assert baseline.mean_enjoyment is not None and spaced.mean_enjoyment is not None
    assert baseline.mean_craving is not None and spaced.mean_craving is not None
    joy = _moved("enjoyment", baseline.mean_enjoyment, spaced.mean_enjoyment)
    want = _moved("craving", baseline.mean_craving, spaced.mean_craving)
    sentence = f"from day 1 to the spaced days {joy} and {want}"
    if baseline.per_day is not None and spaced.per_day is not None:
        sentence += (
            f", at {format_number(spaced.per_day)} a day"
            f" instead of {format_number(baseline.per_day)}"
        )
    if baseline.mean_gap_minutes is not None and spaced.mean_gap_minutes is not None:
        before = format_duration(dt.timedelta(minutes=baseline.mean_gap_minutes))
        after = format_duration(dt.timedelta(minutes=spaced.mean_gap_minutes))
        sentence += f"; gaps within a day averaged {after} instead of {before}"
    return sentence


def summarise(
    first_day: dt.date,
    days: int,
    stimuli: Sequence[ExperimentStimulus],
    exposures: Sequence[Exposure],
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> Summary:
    """Compare day 1 with the spaced days for each pleasure, from the exposures of the
    experiment's days (others are ignored, so the caller may pass a wider set)."""
    wanted = {s.id for s in stimuli}
    day_numbers = {first_day + dt.timedelta(days=i): i + 1 for i in range(days)}
    points = [
        p
        for p in build_points([e for e in exposures if e.stimulus_id in wanted], tz, day_start_hour)
        if p.day in day_numbers
    ]
    logged = {p.day for p in points}

    def period(stimulus_id: int, numbers: range) -> Period:
        period_days = [d for d, n in day_numbers.items() if n in numbers]
        mine = [p for p in points if p.exposure.stimulus_id == stimulus_id and p.day in period_days]
        gaps = [p.gap.total_seconds() / 60 for p in mine if p.gap is not None and p.nth_of_day > 1]
        return Period(
            days=len(period_days),
            logged_days=sum(1 for d in period_days if d in logged),
            exposures=len(mine),
            mean_enjoyment=_mean([p.enjoyment for p in mine]),
            mean_craving=_mean([p.craving for p in mine]),
            mean_gap_minutes=_mean(gaps),
        )

    comparisons = []
    for stimulus in stimuli:
        baseline = period(stimulus.id, range(1, BASELINE_DAYS + 1))
        spaced = period(stimulus.id, range(BASELINE_DAYS + 1, days + 1))
        sentence = comparison_sentence(baseline, spaced)
        comparisons.append(
            StimulusComparison(stimulus.id, stimulus.name, baseline, spaced, sentence)
        )
    entries = tuple(
        DayEntry(n, d, sum(1 for p in points if p.day == d)) for d, n in day_numbers.items()
    )
    return Summary(first_day, days, entries, tuple(comparisons))
