"""The person's own evidence for spacing: every exposure placed on its local day, with the gap
since the previous exposure of the same stimulus, and enjoyment and craving grouped by how long
that gap was.

This lives apart from the verdict (`app.domain.balance`) because spacing suggestions and the
log's gap chart need only this part. Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from math import fsum

import pendulum

from app.domain.days import lived_day
from app.domain.records import Exposure
from app.domain.wording import noun

MIN_GROUP = 3
"""Fewest exposures a gap group needs before its mean is compared with another: one or two
ratings say more about that moment than about spacing."""


def round_half_up(value: float) -> float:
    """One decimal, halves rounded up (7.25 → 7.3): what a person expects, unlike `round`."""
    return float(Decimal(repr(float(value))).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def format_number(value: float) -> str:
    """A rating or mean as shown: one decimal at most, no trailing `.0` (8, 7.5, 4.3)."""
    rounded = Decimal(repr(round_half_up(value)))
    if rounded == rounded.to_integral_value():
        return str(int(rounded))
    return str(rounded)


@dataclass(frozen=True)
class ExposurePoint:
    """An exposure placed in the person's time: its local day (days start at the chosen hour,
    so 00:30 belongs to the evening before), which one of that stimulus it was on that day,
    and how long since the previous one. The gap is measured between instants, so it is right
    across midnight, day boundaries and DST changes; `None` for the first in the input."""

    exposure: Exposure
    day: dt.date
    nth_of_day: int
    gap: dt.timedelta | None

    @property
    def id(self) -> int:
        return self.exposure.id

    @property
    def occurred_at(self) -> dt.datetime:
        return self.exposure.occurred_at

    @property
    def enjoyment(self) -> int:
        return self.exposure.enjoyment

    @property
    def craving(self) -> int:
        return self.exposure.craving

    @property
    def stimulus_name(self) -> str:
        return self.exposure.stimulus_name


def build_points(
    exposures: Iterable[Exposure],
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> tuple[ExposurePoint, ...]:
    """Points in time order (equal times ordered by id, so the result never depends on the
    order rows came in). Gaps and day counts are kept per stimulus, so exposures of several
    interleaved stimuli never shorten each other's gaps."""
    ordered = sorted(exposures, key=lambda e: (e.occurred_at, e.id))
    previous: dict[int, dt.datetime] = {}
    counts: dict[tuple[int, dt.date], int] = {}
    points = []
    for exposure in ordered:
        day = lived_day(exposure.occurred_at, exposure.utc_offset, tz, day_start_hour)
        key = (exposure.stimulus_id, day)
        counts[key] = counts.get(key, 0) + 1
        before = previous.get(exposure.stimulus_id)
        gap = None if before is None else exposure.occurred_at - before
        previous[exposure.stimulus_id] = exposure.occurred_at
        points.append(ExposurePoint(exposure, day, counts[key], gap))
    return tuple(points)


@dataclass(frozen=True)
class GapBucket:
    """A range of gaps, [lower, upper); `upper` is None for the open-ended last one."""

    key: str
    label: str
    lower: dt.timedelta
    upper: dt.timedelta | None

    def holds(self, gap: dt.timedelta) -> bool:
        return self.lower <= gap and (self.upper is None or gap < self.upper)


GAP_BUCKETS: tuple[GapBucket, ...] = (
    GapBucket("under_30m", "under 30 min", dt.timedelta(0), dt.timedelta(minutes=30)),
    GapBucket("30m_2h", "30 min–2 h", dt.timedelta(minutes=30), dt.timedelta(hours=2)),
    GapBucket("2h_6h", "2–6 h", dt.timedelta(hours=2), dt.timedelta(hours=6)),
    GapBucket("6h_plus", "6 h or more", dt.timedelta(hours=6), None),
)
"""Shortest first. Four groups, because a few days of logging rarely fill more."""


def bucket_for(gap: dt.timedelta) -> GapBucket:
    """The bucket a gap falls in; a zero or (impossible) negative gap counts as the shortest."""
    for bucket in GAP_BUCKETS:
        if bucket.holds(gap):
            return bucket
    return GAP_BUCKETS[0]


@dataclass(frozen=True)
class GapGroup:
    """Exposures whose gap fell in one bucket; means are None (never NaN) when it is empty."""

    bucket: GapBucket
    count: int
    mean_enjoyment: float | None
    mean_craving: float | None

    @property
    def enough(self) -> bool:
        return self.count >= MIN_GROUP


def gap_groups(points: Sequence[ExposurePoint]) -> tuple[GapGroup, ...]:
    """One group per bucket, shortest first, always all four; the first exposure (no gap)
    is left out because nothing came before it."""
    groups = []
    for bucket in GAP_BUCKETS:
        members = [p for p in points if p.gap is not None and bucket_for(p.gap) is bucket]
        n = len(members)
        groups.append(
            GapGroup(
                bucket,
                n,
                fsum(p.enjoyment for p in members) / n if n else None,
                fsum(p.craving for p in members) / n if n else None,
            )
        )
    return tuple(groups)


def best_gap_group(groups: Sequence[GapGroup]) -> GapGroup | None:
    """The group with the highest mean enjoyment among those with enough exposures. "Highest"
    needs something to beat: with fewer than two such groups there is no evidence yet, so
    None. A tie goes to the shorter gap, the smaller ask. Smaller groups are not in the
    running; whoever shows this marks them as too few, so a higher mean from two ratings is
    never passed over without a word."""
    enough = [g for g in groups if g.enough]
    if len(enough) < 2:
        return None
    return max(enough, key=lambda g: g.mean_enjoyment or 0.0)


def _more(need: int, group: GapGroup, with_noun: bool) -> str:
    words = [str(need)]
    if group.count:
        words.append("more")
    if with_noun:
        words.append(noun(need, "entry"))
    return " ".join(words) + f" after a gap of {group.bucket.label}"


def _elsewhere(bucket: GapBucket) -> str:
    if bucket is GAP_BUCKETS[0]:
        return "a longer gap"
    if bucket is GAP_BUCKETS[-1]:
        return "a shorter gap"
    return "a shorter or longer gap"


def gap_sentence(groups: Sequence[GapGroup], name: str) -> str:
    """Mean enjoyment after the longest gaps against the shortest, among groups with enough
    exposures; otherwise exactly what is still missing for such a comparison."""
    enough = [g for g in groups if g.enough]
    if len(enough) >= 2:
        short, long = enough[0], enough[-1]
        sentence = (
            f"after gaps of {long.bucket.label} your {name} averaged "
            f"{format_number(long.mean_enjoyment or 0.0)}; "
            f"after {short.bucket.label}, {format_number(short.mean_enjoyment or 0.0)}"
        )
        small = [g for g in groups if g.count and not g.enough]
        if small:  # say what was left out, never skip it silently
            left_out = ", ".join(f"{g.bucket.label} ({g.count})" for g in small)
            sentence += f" ({left_out}: too few to compare yet)"
        return sentence
    filled = [g for g in groups if g.count]
    if not filled:
        return "log a few entries with different gaps to see whether spacing helps"
    if len(filled) == 1:
        only = filled[0]
        other = _elsewhere(only.bucket)
        if only.enough:
            return (
                f"every gap so far was {only.bucket.label}: {MIN_GROUP} entries after "
                f"{other} would give a comparison"
            )
        missing = _more(MIN_GROUP - only.count, only, True)
        return f"{missing} and {MIN_GROUP} after {other} to compare"
    # Two or more groups, at most one with enough: aim at the two fullest, and for a tie
    # prefer the group farther from the first, which makes the sharper comparison.
    order = {g.bucket.key: i for i, g in enumerate(groups)}
    first = max(filled, key=lambda g: g.count)
    second = max(
        (g for g in filled if g is not first),
        key=lambda g: (g.count, abs(order[g.bucket.key] - order[first.bucket.key])),
    )
    pair = sorted((first, second), key=lambda g: order[g.bucket.key])
    needs = [(MIN_GROUP - g.count, g) for g in pair if not g.enough]
    parts = [_more(need, g, i == 0) for i, (need, g) in enumerate(needs)]
    return " and ".join(parts) + " to compare"
