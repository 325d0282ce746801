"""How the three-day log words things. Pure formatting of an analysis the screen already has;
every name and note a person typed goes through `app.ui.safe_text`."""

from __future__ import annotations

import datetime as dt

import pendulum
from rich.text import Text
from textual.content import Content

from app.domain.balance import MIN_GROUP, StimulusAnalysis, Verdict, format_number
from app.domain.clock_words import NEXT_MORNING, NEXT_MORNING_LEGEND, time_on_day
from app.domain.days import lived_clock_on
from app.domain.durations import format_gap
from app.domain.safety import NO_GAP_ADVICE, Guidance
from app.domain.wording import capitalised, day_words, ordinal, span_words
from app.ui.safe_text import shown
from app.ui.widgets.entry_table import note_cell

COLUMNS = ("day", "time", "n-th", "gap", "enjoyment", "craving", "note")
NUMERIC = frozenset({"gap", "enjoyment", "craving"})
_VERDICT_STYLES = {
    Verdict.TILTING: "$text-warning",
    Verdict.RECOVERING: "$text-success",
    Verdict.STEADY: "$text-primary",
    Verdict.TOO_LITTLE_DATA: "$text-muted",
}


def window_line(last_day: dt.date, days: int, day_start_hour: int) -> Content:
    span = span_words(last_day, days)
    return Content.assemble(
        (f"Last {days} days", "bold"),
        f"  {span}",
        (f"  · days start at {day_start_hour:02d}:00 · w widens", "$text-muted"),
    )


def verdict_class(analysis: StimulusAnalysis) -> str:
    return f"-{analysis.verdict.value.replace('_', '-')}"


def verdict(analysis: StimulusAnalysis) -> Content:
    """The verdict once, as the heading (with its reason when the numbers need one), then
    what moved and by how much."""
    reason = f" — {analysis.verdict_reason}" if analysis.verdict_reason else ""
    return Content.assemble(
        shown(analysis.stimulus_name, "bold"),
        ": ",
        (analysis.verdict.words, f"bold {_VERDICT_STYLES[analysis.verdict]}"),
        reason,
        "\n",
        capitalised(analysis.movement) + ".",
    )


def alerts(analysis: StimulusAnalysis) -> Content:
    if not analysis.alerts:
        return Content.styled(
            "No diminishing returns: no later entry of a day rated below the first, "
            "and craving is not ahead of enjoyment.",
            "$text-muted",
        )
    return Content("\n").join(
        Content.assemble(("! ", "bold $text-warning"), shown(capitalised(alert.text)))
        for alert in analysis.alerts
    )


def exposure_rows(
    analysis: StimulusAnalysis, tz: pendulum.Timezone | pendulum.FixedTimezone
) -> list[tuple[str | Text, ...]]:
    """One row per exposure, newest last, in the order of `COLUMNS`."""
    rows: list[tuple[str | Text, ...]] = []
    for point in analysis.points:
        rows.append(
            (
                day_words(point.day),
                lived_clock_on(point.occurred_at, point.exposure.utc_offset, point.day, tz),
                ordinal(point.nth_of_day),
                Text(format_gap(point.gap), justify="right"),
                Text(str(point.enjoyment), justify="right"),
                Text(str(point.craving), justify="right"),
                note_cell(point.exposure.note),
            )
        )
    return rows


def next_morning_legend(
    analysis: StimulusAnalysis, tz: pendulum.Timezone | pendulum.FixedTimezone
) -> str:
    """What `+1d` means, when some row carries it."""
    times = (time_on_day(p.occurred_at, p.day, tz) for p in analysis.points)
    return NEXT_MORNING_LEGEND if any(t.endswith(NEXT_MORNING) for t in times) else ""


def gap_evidence(analysis: StimulusAnalysis, care: Guidance | None = None) -> Content:
    """Counts and mean ratings per gap group, then the sentence that compares them. A group
    too small to compare says so on its row, so the "most enjoyed" marker never passes over
    a higher mean without a word. For a substance (`care` from `safety.guidance`) the
    numbers stay, without "most enjoyed" or any gap advice."""
    lines = [
        Content.styled(f"{'gap before':<16}{'count':>6}{'enjoyment':>11}{'craving':>9}", "bold")
    ]
    frame = care is None or care.may_suggest_spacing
    best = analysis.best_gap_bucket if frame else None
    for group in analysis.gap_evidence:
        mean_e = "–" if group.mean_enjoyment is None else format_number(group.mean_enjoyment)
        mean_c = "–" if group.mean_craving is None else format_number(group.mean_craving)
        line = f"{group.bucket.label:<16}{group.count:>6}{mean_e:>11}{mean_c:>9}"
        if best is not None and group.bucket == best.bucket:
            lines.append(
                Content.assemble((line, "$text-success"), ("  ← most enjoyed", "$text-success"))
            )
        elif group.count and not group.enough:
            lines.append(Content.assemble(line, (f"  too few (needs {MIN_GROUP})", "$text-muted")))
        else:
            lines.append(Content(line) if group.count else Content.styled(line, "$text-muted"))
    lines.append(Content(""))
    sentence = analysis.gap_sentence if frame else NO_GAP_ADVICE
    lines.append(shown(capitalised(sentence)))
    return Content("\n").join(lines)


def empty(days: int) -> Content:
    """What a newcomer needs: exactly how to get the first exposures in."""
    return Content.assemble(
        (f"Nothing logged in the last {days} days yet.", "bold"),
        "\n\nThis screen puts each pleasure's enjoyment and craving side by side and shows "
        "whether longer gaps made it more enjoyable. To give it something to show, press ",
        ("escape", "bold"),
        " to go home, then:\n\n",
        ("  c", "bold"),
        "   start today's check-in (its Notice and Track steps log entries)\n",
        ("  n", "bold"),
        "   quick-log one entry as it happens\n\nor, from your shell:\n\n",
        ("  teeter log coffee -e 6 -c 8", "bold"),
        ("   (-e enjoyment, -c craving, 1–10)", "$text-muted"),
        "\n\nThen come back with ",
        ("l", "bold"),
        ". Press ",
        ("w", "bold"),
        " here to look further back (7, 14 or 30 days).",
    )
