"""What the check-in's Space and Reframe steps, the Timers screen and the experiment suggest,
read in one call each and handed back as plain values: the views only word them. The numbers
themselves are the domain's (`spacing`, `experiment`, `cards`); this module only gathers the
rows they are computed from."""

from __future__ import annotations

import datetime as dt

import pendulum

from app.clock import Zone, zone_of
from app.domain.balance import analyse_stimulus
from app.domain.cards import cards, since
from app.domain.experiment import (
    Experiment,
    ExperimentStimulus,
    Phase,
    SpacingHint,
    phase_of,
    suggest_from_baseline,
)
from app.domain.records import Stimulus, StimulusKind
from app.domain.safety import guidance
from app.domain.spacing import Suggestion, suggest_interval
from app.domain.suggestions import ExperimentHint, ExperimentNow, SpaceSuggestion
from app.storage.file.database import Database
from app.storage.tables import experiments, exposures, reframes, stimuli, timers

SUGGESTION_DAYS = 14
"""A suggested gap comes from the last two weeks of the pleasure: enough entries to see a
pattern, recent enough to be the person's current habit."""
REFRAME_HISTORY = 50


def spacing(
    db: Database,
    stimulus: Stimulus,
    today: dt.date,
    tz: Zone,
    day_start_hour: int,
    kind: StimulusKind | None = None,
) -> Suggestion | None:
    """The gap suggested from the last two weeks of this pleasure; None without history or
    for a substance. `kind` is the one on a form when it differs from the stored one."""
    first = today - dt.timedelta(days=SUGGESTION_DAYS - 1)
    history = exposures.on_days(db, first, today, tz, day_start_hour, stimulus.id)
    if not history:
        return None
    return suggest_interval(analyse_stimulus(history, tz, day_start_hour), kind or stimulus.kind)


def baseline_hint(
    db: Database,
    experiment: Experiment,
    stimulus: ExperimentStimulus,
    tz: Zone,
    day_start_hour: int,
) -> SpacingHint:
    """The gap suggested for the spaced days, from day 1's exposures of this pleasure."""
    first = experiment.first_day
    baseline = exposures.on_days(db, first, first, tz, day_start_hour, stimulus.id)
    return suggest_from_baseline(baseline, stimulus.name, stimulus.kind, tz, day_start_hour)


def experiment_hint(
    db: Database, stimulus_id: int, today: dt.date, tz: Zone, day_start_hour: int
) -> ExperimentHint | None:
    """The running experiment's gap for this pleasure when today is one of its spaced days
    and there is a number to suggest; else None."""
    current = experiments.running(db)
    if current is None or phase_of(current.day_number(today)) is not Phase.SPACED:
        return None
    for member in current.stimuli:
        if member.id == stimulus_id:
            hint = baseline_hint(db, current, member, tz, day_start_hour)
            if hint.interval is None:
                return None
            return ExperimentHint(current.day_number(today), current.days, hint)
    return None


def for_space_step(
    db: Database,
    stimulus: Stimulus,
    today: dt.date,
    tz: Zone,
    day_start_hour: int,
    kind: StimulusKind | None = None,
) -> SpaceSuggestion:
    """The Space step's suggestion for `stimulus` with the kind on the form; the safety rule
    decides with that kind, so a substance gets none."""
    if not guidance(kind or stimulus.kind, stimulus.name).may_suggest_spacing:
        return SpaceSuggestion()
    during = experiment_hint(db, stimulus.id, today, tz, day_start_hour)
    if during is not None:
        return SpaceSuggestion(experiment=during)
    return SpaceSuggestion(own=spacing(db, stimulus, today, tz, day_start_hour, kind))


def experiment_now(
    db: Database, experiment: Experiment, today: dt.date, tz: Zone, day_start_hour: int
) -> ExperimentNow:
    hints: dict[int, SpacingHint] = {}
    if phase_of(experiment.day_number(today)) is Phase.SPACED:
        hints = {
            s.id: baseline_hint(db, experiment, s, tz, day_start_hour) for s in experiment.stimuli
        }
    return ExperimentNow(experiments.summary_of(db, experiment, tz, day_start_hour), hints)


def reframe_cards(
    db: Database, name: str, now: pendulum.DateTime, day_start_hour: int
) -> list[str]:
    """Up to two true sentences for this craving (about `name` when it is a known pleasure),
    or none when there is not enough history yet."""
    known = stimuli.find(db, name) if name.strip() else None
    history = reframes.latest(db, REFRAME_HISTORY)
    if known is None:
        return cards(reframes=history, name=name.strip() or None)
    start = since(now)
    return cards(
        kind=known.kind,
        reframes=history,
        exposures=exposures.between(db, start, now, known.id),
        timers=[t for t in timers.recent_endings(db, start) if t.stimulus_id == known.id],
        name=known.name,
        tz=zone_of(now),
        day_start_hour=day_start_hour,
    )
