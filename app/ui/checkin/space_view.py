"""How the Space step words a suggestion from the person's own data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.durations import format_duration
from app.domain.records import Stimulus
from app.storage import exposures

if TYPE_CHECKING:
    from app.ui.app import TeeterApp

SUGGESTION_DAYS = 14


def suggestion(app: TeeterApp, stimulus: Stimulus) -> str:
    """A suggested gap from the last two weeks of this pleasure, or nothing."""
    from app.domain.balance import analyse_stimulus
    from app.domain.days import window_bounds
    from app.domain.spacing import suggest_interval
    from app.ui.screens.experiment_view import space_suggestion

    assert app.db is not None
    during_experiment = space_suggestion(app, stimulus)
    if during_experiment:
        return during_experiment
    tz = app.now().timezone
    start, end = window_bounds(app.today(), SUGGESTION_DAYS, tz, app.day_start_hour)
    history = exposures.between(app.db, start, end, stimulus.id)
    if not history:
        return ""
    found = suggest_interval(analyse_stimulus(history, tz, app.day_start_hour), stimulus.kind)
    if found is None:
        return ""
    return f"Suggestion, yours to ignore: {format_duration(found.interval)} — {found.reason}."
