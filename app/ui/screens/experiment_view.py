"""How the three-day experiment is worded: the home line, the running experiment, the
comparison, past experiments. Numbers come from `app.domain.experiment`; names a person
typed always pass through `safe_text.shown`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum
from textual.content import Content

from app.domain.durations import format_duration
from app.domain.experiment import (
    Experiment,
    ExperimentState,
    Period,
    Phase,
    Summary,
    phase_of,
    status_line,
)
from app.domain.gaps import format_number
from app.domain.wording import capitalised, counted, day_words
from app.ui.safe_text import shown

if TYPE_CHECKING:
    from app.domain.suggestions import ExperimentNow

INTRO = (
    "Three days, your own numbers. Day 1 is a baseline: log as usual. On days 2 and 3, "
    "leave a gap between entries (teeter suggests one from day 1). Then teeter compares "
    "the two. Three days is a small sample: read the result as a hint about you, not proof. "
    "Substances (alcohol, sedatives, opioids, nicotine and others) are not offered: cutting "
    "one down needs a doctor's or pharmacist's advice, and for some stopping quickly is "
    "dangerous. For caffeine, cut down gently: headaches are common and usually ease "
    "within days. teeter is not medical advice."
)
NOT_RUNNING = (
    "No experiment running. Pick one or more pleasures below (space toggles) and press b: "
    "today becomes day 1, and anything already logged today counts for it."
)
FINISHED = "experiment: the three days are over · e shows the summary"
NAME_WIDTH = 20


def left_out(names: list[str]) -> str:
    """Why some pleasures are missing from the picker."""
    if not names:
        return ""
    return (
        f"Not offered, as substances: {', '.join(names)}. Please talk with a doctor or "
        "pharmacist before cutting down."
    )


def home_line(
    current: Experiment | None, latest: Experiment | None, today: dt.date
) -> Content | None:
    """The home screen's experiment line, from the running experiment or else the latest
    past one (read with the overview; the App settles a finished one once a day). None when
    there is nothing to say."""
    if current is not None:
        return Content.assemble(status_line(current, today), ("  · e for details", "$text-muted"))
    if (
        latest is not None
        and latest.state is ExperimentState.COMPLETED
        and today - latest.last_day <= dt.timedelta(days=1)
    ):
        return Content(FINISHED)
    return None


def _entries(count: int, past: bool) -> str:
    if count:
        return counted(count, "entry")
    return "no entries that day" if past else "nothing yet"


def running(experiment: Experiment, now: ExperimentNow, today: dt.date) -> Content:
    """Where a running experiment stands: the day, each day's entries, the suggestions."""
    n = experiment.day_number(today)
    phase = phase_of(n)
    lines: list[Content] = []
    if phase is Phase.BASELINE:
        lines.append(Content(f"Day {n} of {experiment.days} · baseline: log as usual today."))
    else:
        lines.append(
            Content(
                f"Day {n} of {experiment.days} · spaced: leave the suggested gap between "
                "entries (t starts the timers). A suggestion, never a rule."
            )
        )
    lines.append(Content(""))
    for entry in now.summary.day_entries:
        if entry.day > today:
            state = "still to come"
        else:
            state = _entries(entry.exposures, entry.day < today)
        label = "baseline" if phase_of(entry.number) is Phase.BASELINE else "spaced"
        lines.append(Content(f"{day_words(entry.day)}  day {entry.number} ({label})  {state}"))
    lines.append(Content(""))
    for stimulus in experiment.stimuli:
        if phase is Phase.SPACED:
            hint = now.hints.get(stimulus.id)
            gap = format_duration(hint.interval) if hint and hint.interval else "no suggestion"
            reason = f" — {hint.reason}" if hint else ""
            text = Content.assemble(
                shown(stimulus.name, "bold"), f": {gap}", (reason, "$text-muted")
            )
        else:
            text = Content.assemble(
                shown(stimulus.name, "bold"),
                ("  (tomorrow's suggested gap comes from today)", "$text-muted"),
            )
        lines.append(text)
    return Content("\n").join(lines)


def _cell(value: float | None, unit: str = "") -> str:
    return "–" if value is None else f"{format_number(value)}{unit}"


def _gap(minutes: float | None) -> str:
    return "–" if minutes is None else format_duration(dt.timedelta(minutes=minutes))


def _rows(baseline: Period, spaced: Period) -> list[tuple[str, str, str]]:
    return [
        ("enjoyment (mean)", _cell(baseline.mean_enjoyment), _cell(spaced.mean_enjoyment)),
        ("craving (mean)", _cell(baseline.mean_craving), _cell(spaced.mean_craving)),
        ("entries a day", _cell(baseline.per_day), _cell(spaced.per_day)),
        ("gap within a day", _gap(baseline.mean_gap_minutes), _gap(spaced.mean_gap_minutes)),
    ]


def summary(found: Summary) -> Content:
    """Day 1 against days 2-3 for each pleasure, then how each day went."""
    lines: list[Content] = []
    for comparison in found.stimuli:
        lines.append(
            Content.assemble(
                shown(comparison.name, "bold", width=NAME_WIDTH),
                ("  day 1     days 2–3", "$text-muted"),
            )
        )
        for label, before, after in _rows(comparison.baseline, comparison.spaced):
            lines.append(Content(f"{label:<{NAME_WIDTH}}  {before:<8}  {after}"))
        sentence = comparison.sentence
        lines.append(Content.styled(capitalised(sentence) + ".", "$text-accent"))
        lines.append(Content(""))
    for entry in found.day_entries:
        lines.append(
            Content.styled(
                f"{day_words(entry.day)}  day {entry.number}  {_entries(entry.exposures, True)}",
                "$text-muted",
            )
        )
    return Content("\n").join(lines)


def past_label(experiment: Experiment) -> Content:
    """One line per past experiment; names from its stored summary when it has one, since a
    pleasure deleted later leaves the experiment but stays in its summary."""
    stored = experiment.stored_summary()
    if stored is not None:
        found = [c.name for c in stored.stimuli]
    else:
        found = [s.name for s in experiment.stimuli]
    names = ", ".join(found) or "(pleasures since deleted)"
    span = f"{day_words(experiment.first_day)} – {day_words(experiment.last_day)}"
    return Content.assemble(f"{span} · ", shown(names, width=28), f" · {experiment.state.value}")


def ended(experiment: Experiment, tz: pendulum.Timezone | pendulum.FixedTimezone) -> Content:
    """The summary card for a past experiment: its comparison, or what happened."""
    stored = experiment.stored_summary()
    if stored is not None:
        return summary(stored)
    if experiment.summary:
        return Content("Its stored summary cannot be read (the file holds something else).")
    if experiment.state is ExperimentState.ABANDONED and experiment.ended_at is not None:
        on = pendulum.instance(experiment.ended_at).in_timezone(tz).date()
        return Content(
            f"Stopped on {day_words(on)}, before its three days were over. "
            "Everything logged during it is still in your log."
        )
    return Content("No summary was stored for this one.")
