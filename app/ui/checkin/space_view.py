"""How the Space step words a suggestion from the person's own data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain.records import Stimulus, StimulusKind

if TYPE_CHECKING:
    from app.storage.journal import Journal

SUGGESTION_DAYS = 14


def suggestion(journal: Journal, stimulus: Stimulus, kind: StimulusKind | None = None) -> str:
    """A suggested gap from the last two weeks of this pleasure (or from a running
    experiment), worded; or nothing. `kind` is the one on the form when it differs from the
    stored one; the safety rule decides with it."""
    from app.domain.safety import guidance

    if not guidance(kind or stimulus.kind, stimulus.name).may_suggest_spacing:
        return ""
    from app.ui.screens.experiment_view import space_suggestion
    from app.ui.screens.timers_view import suggestion_for, suggestion_text

    during_experiment = space_suggestion(journal, stimulus)
    if during_experiment:
        return during_experiment
    found = suggestion_for(journal, stimulus, kind)
    return suggestion_text(found) if found else ""
