"""The check-in's closing words: what was recorded today, said plainly, without praise or
blame (a skipped step is just skipped)."""

from __future__ import annotations

from collections import Counter

from app.domain.checkin import STEPS, CheckInProgress, StepState
from app.domain.durations import format_duration
from app.domain.records import Exposure, Reframe, Timer
from app.domain.wording import counted


def describe_day(
    progress: CheckInProgress,
    exposures: list[Exposure],
    timers: list[Timer],
    reframes: list[Reframe],
) -> list[str]:
    lines: list[str] = []
    if exposures:
        counts = Counter(e.stimulus_name for e in exposures)
        named = ", ".join(f"{name} ×{n}" if n > 1 else name for name, n in counts.most_common())
        mean_e = sum(e.enjoyment for e in exposures) / len(exposures)
        mean_c = sum(e.craving for e in exposures) / len(exposures)
        lines.append(
            f"Today you logged {counted(len(exposures), 'entry')} ({named}), "
            f"enjoyment {mean_e:.1f} and craving {mean_c:.1f} on average."
        )
    else:
        lines.append("No entries logged today.")
    if timers:
        spaced = ", ".join(
            f"{t.stimulus_name} for {format_duration(t.ends_at - t.started_at)}" for t in timers
        )
        lines.append(f"You set spacing timers: {spaced}.")
    for reframe in reframes[-2:]:
        after = f" → {reframe.craving_after}" if reframe.craving_after is not None else ""
        outcome = f", {reframe.outcome.label}" if reframe.outcome else ""
        lines.append(f"You labelled a craving: {reframe.craving_before}{after}{outcome}.")
    skipped = [step.title for step in STEPS if progress.state(step) is StepState.SKIPPED]
    if skipped:
        lines.append(f"Skipped this time: {', '.join(skipped)}.")
    return lines
