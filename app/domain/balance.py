"""Balance analysis: is a go-to pleasure tilting toward craving? Enjoyment ("liking") and craving
("wanting more") are read side by side, never merged into one score, because the model says
they are different systems: repetition shrinks the first and grows the second.

Pure: no UI, no database. Gap evidence lives in `app.domain.gaps` and day-level alerts in
`app.domain.diminishing`; both are re-exported here so callers need one import."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import fsum

import pendulum

from app.domain.diminishing import (
    Alert,
    AlertKind,
    alerts_for,
    falling_while_rising,
    today_trend_sentence,
)
from app.domain.gaps import (
    GAP_BUCKETS,
    MIN_GROUP,
    ExposurePoint,
    GapBucket,
    GapGroup,
    best_gap_group,
    build_points,
    format_number,
    gap_groups,
    gap_sentence,
    round_half_up,
)
from app.domain.records import Exposure
from app.domain.text import name_key
from app.domain.wording import counted

__all__ = [
    "GAP_BUCKETS",
    "MIN_GROUP",
    "MIN_TREND",
    "SHIFT",
    "Alert",
    "AlertKind",
    "ExposurePoint",
    "GapBucket",
    "GapGroup",
    "StimulusAnalysis",
    "Trend",
    "Verdict",
    "analyse",
    "analyse_stimulus",
    "needs_a_look",
    "falling_while_rising",
    "format_number",
    "today_trend_sentence",
]

MIN_TREND = 3
"""Fewest exposures for a trend: with two, "first third" and "last third" are single ratings."""
SHIFT = 1.0
"""How far a (rounded) mean must move to count as a change: ratings are whole numbers, so
anything smaller is within the noise of a person's own scale."""


class Verdict(enum.StrEnum):
    TILTING = "tilting"
    STEADY = "steady"
    RECOVERING = "recovering"
    TOO_LITTLE_DATA = "too_little_data"

    @property
    def words(self) -> str:
        return {
            "tilting": "tilting toward craving",
            "steady": "holding steady",
            "recovering": "recovering",
            "too_little_data": "too little data",
        }[self.value]


@dataclass(frozen=True)
class Trend:
    """Mean ratings of the first and the last third (ceil(n/3) exposures each): a third
    rather than a single rating, so one odd moment cannot flip the verdict."""

    enjoyment_start: float
    enjoyment_end: float
    craving_start: float
    craving_end: float
    count: int

    @property
    def enjoyment_change(self) -> float:
        """Change between the means as shown (one decimal), so words and numbers agree."""
        return round(round_half_up(self.enjoyment_end) - round_half_up(self.enjoyment_start), 1)

    @property
    def craving_change(self) -> float:
        return round(round_half_up(self.craving_end) - round_half_up(self.craving_start), 1)


@dataclass(frozen=True)
class StimulusAnalysis:
    """Everything the three-day log shows for one stimulus, computed once."""

    stimulus_id: int
    stimulus_name: str
    points: tuple[ExposurePoint, ...]
    trend: Trend | None
    verdict: Verdict
    verdict_sentence: str
    alerts: tuple[Alert, ...]
    gap_evidence: tuple[GapGroup, ...]
    gap_sentence: str
    best_gap_bucket: GapGroup | None
    movement: str = ""
    """What moved and by how much ("enjoyment fell 8 → 4 (−4) … over 9 entries"), without
    the verdict: the log shows the verdict as its heading and this under it."""
    verdict_reason: str = ""
    """Why the verdict, when the numbers alone could seem to say otherwise."""

    @property
    def latest(self) -> dt.datetime:
        return self.points[-1].occurred_at

    @property
    def days(self) -> tuple[dt.date, ...]:
        return tuple(sorted({p.day for p in self.points}))


def trend_of(points: Sequence[ExposurePoint]) -> Trend | None:
    n = len(points)
    if n < MIN_TREND:
        return None
    k = math.ceil(n / 3)
    head, tail = points[:k], points[-k:]
    return Trend(
        fsum(p.enjoyment for p in head) / k,
        fsum(p.enjoyment for p in tail) / k,
        fsum(p.craving for p in head) / k,
        fsum(p.craving for p in tail) / k,
        n,
    )


def judge(trend: Trend | None) -> Verdict:
    """Tilting when enjoyment fell by SHIFT or more and/or craving rose by SHIFT or more,
    recovering for the mirror image. When both signals move the same way by SHIFT or more
    (both fell, or both rose) the one that dominates decides: the gap between enjoyment and
    craving must itself have moved by SHIFT (e.g. enjoyment 8 → 4 with craving 6 → 5 is
    tilting); if neither dominates, steady."""
    if trend is None:
        return Verdict.TOO_LITTLE_DATA
    de, dc = trend.enjoyment_change, trend.craving_change
    toward_pain = de <= -SHIFT or dc >= SHIFT
    toward_pleasure = de >= SHIFT or dc <= -SHIFT
    if toward_pain and toward_pleasure:
        net = round(de - dc, 1)
        toward_pain, toward_pleasure = net <= -SHIFT, net >= SHIFT
    if toward_pain:
        return Verdict.TILTING
    if toward_pleasure:
        return Verdict.RECOVERING
    return Verdict.STEADY


def _signed(change: float) -> str:
    return ("+" if change > 0 else "−") + format_number(abs(change))


def _movement(what: str, start: float, end: float) -> tuple[str, int]:
    """One signal's movement, worded by its size: "rose"/"fell" only for a change of SHIFT
    or more, so a verdict of "holding steady" never sits under a "rose"."""
    change = round(round_half_up(end) - round_half_up(start), 1)
    numbers = f"{format_number(start)} → {format_number(end)}"
    if abs(change) >= SHIFT:
        verb = "rose" if change > 0 else "fell"
        return f"{what} {verb} {numbers} ({_signed(change)})", 1 if change > 0 else -1
    if change:
        return f"{what} barely moved, {numbers} ({_signed(change)})", 0
    return f"{what} held at {format_number(end)}", 0


def movement_sentence(trend: Trend) -> str:
    """What moved and by how much, over how many exposures; no verdict."""
    joy, joy_dir = _movement("enjoyment", trend.enjoyment_start, trend.enjoyment_end)
    want, want_dir = _movement("craving", trend.craving_start, trend.craving_end)
    # "while" when the two moved apart, "and" when together, a comma otherwise.
    link = (" while " if joy_dir != want_dir else " and ") if joy_dir and want_dir else ", "
    return f"{joy}{link}{want} over {trend.count} entries"


def reason_for(trend: Trend | None) -> str:
    """Why the verdict, for the cases where the two numbers could seem to say otherwise."""
    if trend is None:
        return ""
    de, dc = trend.enjoyment_change, trend.craving_change
    moved = abs(de) >= SHIFT or abs(dc) >= SHIFT
    if not moved:
        return f"neither moved by {format_number(SHIFT)} point or more"
    same_way = (de >= SHIFT and dc >= SHIFT) or (de <= -SHIFT and dc <= -SHIFT)
    if not same_way:
        return ""
    verdict = judge(trend)
    if verdict is Verdict.STEADY:
        return "both moved the same way by about as much"
    if de < 0:  # both fell
        return (
            "enjoyment fell further than craving"
            if verdict is Verdict.TILTING
            else "craving fell further than enjoyment"
        )
    return (
        "craving rose further than enjoyment"
        if verdict is Verdict.TILTING
        else "enjoyment rose further than craving"
    )


def verdict_sentence(trend: Trend | None, count: int) -> str:
    """The movement, then the verdict (and its reason when the numbers need one)."""
    if trend is None:
        if count == 0:
            return f"no entries yet: log at least {MIN_TREND} to see a trend"
        return f"{counted(count, 'entry')} so far: log at least {MIN_TREND} to see a trend"
    reason = reason_for(trend)
    verdict = judge(trend).words + (f" ({reason})" if reason else "")
    return f"{movement_sentence(trend)}: {verdict}"


def analyse_stimulus(
    exposures: Iterable[Exposure],
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
    before: Exposure | None = None,
) -> StimulusAnalysis:
    """The analysis of one stimulus's exposures (any order; sorted by time, then id).
    `before`, the last exposure ahead of a window, is not analysed: it only gives the
    window's first exposure its gap, so that gap counts in the evidence."""
    items = list(exposures)
    if not items:
        raise ValueError("an analysis needs at least one exposure")
    if len({e.stimulus_id for e in items}) > 1:
        raise ValueError("analyse_stimulus takes the exposures of one stimulus; use analyse()")
    if before is None:
        points = build_points(items, tz, day_start_hour)
    else:
        points = build_points([before, *items], tz, day_start_hour)[1:]
    name = points[-1].stimulus_name
    trend = trend_of(points)
    groups = gap_groups(points)
    return StimulusAnalysis(
        stimulus_id=points[0].exposure.stimulus_id,
        stimulus_name=name,
        points=points,
        trend=trend,
        verdict=judge(trend),
        verdict_sentence=verdict_sentence(trend, len(points)),
        movement=movement_sentence(trend) if trend else verdict_sentence(None, len(points)),
        verdict_reason=reason_for(trend),
        alerts=alerts_for(points, name),
        gap_evidence=groups,
        gap_sentence=gap_sentence(groups, name),
        best_gap_bucket=best_gap_group(groups),
    )


def needs_a_look(analyses: Sequence[StimulusAnalysis]) -> StimulusAnalysis | None:
    """The pleasure to open the log on: one tilting toward craving (the widest swing first),
    else one with a diminishing-returns alert, else the most recently used."""
    if not analyses:
        return None

    def urgency(analysis: StimulusAnalysis) -> tuple[int, float]:
        trend = analysis.trend
        swing = (trend.craving_change - trend.enjoyment_change) if trend else 0.0
        if analysis.verdict is Verdict.TILTING:
            return (2, swing)
        return (1 if analysis.alerts else 0, 0.0)

    return max(analyses, key=urgency)  # max keeps the first (most recent) of equals


def analyse(
    exposures: Iterable[Exposure],
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
    previous: Mapping[int, Exposure] | None = None,
) -> tuple[StimulusAnalysis, ...]:
    """One analysis per stimulus, the most recently used first (ties by name, then id).
    `previous` maps a stimulus to its last exposure before the window (see
    `analyse_stimulus`)."""
    by_stimulus: dict[int, list[Exposure]] = {}
    for exposure in exposures:
        by_stimulus.setdefault(exposure.stimulus_id, []).append(exposure)
    before = previous or {}
    results = [
        analyse_stimulus(items, tz, day_start_hour, before.get(stimulus_id))
        for stimulus_id, items in by_stimulus.items()
    ]
    results.sort(key=lambda a: (name_key(a.stimulus_name), a.stimulus_id))
    results.sort(key=lambda a: a.latest, reverse=True)
    return tuple(results)
