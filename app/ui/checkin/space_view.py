"""How the Space step words a suggestion from the person's own data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.durations import format_duration

if TYPE_CHECKING:
    from app.domain.suggestions import ExperimentHint, SpaceSuggestion


def suggestion(found: SpaceSuggestion) -> str:
    """The running experiment's suggestion when there is one, else the one from the last two
    weeks of this pleasure, worded; or nothing."""
    if found.experiment is not None:
        return experiment_suggestion(found.experiment)
    return found.own.sentence if found.own else ""


def experiment_suggestion(found: ExperimentHint) -> str:
    """A spaced day's suggestion, worded like the step's own."""
    assert found.hint.interval is not None
    return f"Experiment, day {found.day} of {found.days}: " + (
        f"{format_duration(found.hint.interval)} — {found.hint.reason}."
    )
