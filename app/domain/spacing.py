"""A spacing interval suggested from the person's own evidence: the gap after which their
enjoyment of a stimulus has been highest. Only ever a suggestion, with the reason beside it.

Never for a substance: cutting down alcohol, benzodiazepines, opioids and the like abruptly
can be dangerous, so every screen shows the care notice instead (`app.domain.safety`).

Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.balance import StimulusAnalysis
from app.domain.durations import format_duration
from app.domain.gaps import GapBucket, format_number
from app.domain.records import StimulusKind
from app.domain.safety import guidance

SUGGESTED_INTERVALS: dict[str, dt.timedelta] = {
    "30m_2h": dt.timedelta(hours=1),
    "2h_6h": dt.timedelta(hours=2),
    "6h_plus": dt.timedelta(hours=6),
}
"""A timer length per gap bucket, keyed by `GapBucket.key`: the bucket's lower bound, rounded
up to something easy to hold (1 h inside "30 min–2 h", since 30 min is the bucket's edge).
"under 30 min" has none: a gap that short is not spacing."""


@dataclass(frozen=True)
class Suggestion:
    """A timer length and the evidence behind it, in the person's own numbers."""

    interval: dt.timedelta
    bucket: GapBucket
    reason: str

    @property
    def sentence(self) -> str:
        """The one wording the Space step and the Timers screen share."""
        return f"Suggestion, yours to ignore: {format_duration(self.interval)} — {self.reason}."


def suggest_interval(analysis: StimulusAnalysis, kind: StimulusKind) -> Suggestion | None:
    """None for a substance (by kind or by name: `safety.guidance` decides), when there is
    not yet enough data to compare gaps, or when the short gaps rated best (then there is
    nothing to suggest)."""
    if not guidance(kind, analysis.stimulus_name).may_suggest_spacing:
        return None
    best = analysis.best_gap_bucket
    if best is None or best.mean_enjoyment is None:
        return None
    interval = SUGGESTED_INTERVALS.get(best.bucket.key)
    if interval is None:
        return None
    reason = (
        f"your {analysis.stimulus_name} averaged {format_number(best.mean_enjoyment)} "
        f"after gaps of {best.bucket.label}"
    )
    others = [
        g
        for g in analysis.gap_evidence
        if g.enough and g is not best and g.mean_enjoyment is not None
    ]
    if others:
        worst = min(others, key=lambda g: g.mean_enjoyment or 0.0)
        reason += f" ({format_number(worst.mean_enjoyment or 0.0)} after {worst.bucket.label})"
    return Suggestion(interval, best.bucket, reason)
