"""What the check-in's steps, the Timers screen and the experiment screen suggest, as plain
values: `app.storage.tables.suggestions` reads them, the views word them."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.experiment import SpacingHint, Summary
from app.domain.spacing import Suggestion


@dataclass(frozen=True)
class ExperimentHint:
    """A running experiment's suggestion for one pleasure on one of its spaced days."""

    day: int
    days: int
    hint: SpacingHint


@dataclass(frozen=True)
class SpaceSuggestion:
    """What the Space step suggests: the experiment's gap when one is running for this
    pleasure on a spaced day, else the person's own two weeks; both None: nothing."""

    experiment: ExperimentHint | None = None
    own: Suggestion | None = None


@dataclass(frozen=True)
class ExperimentNow:
    """A running experiment as its screen shows it: each day's entries so far and, on the
    spaced days, each pleasure's suggested gap (by stimulus id)."""

    summary: Summary
    hints: dict[int, SpacingHint] = field(default_factory=dict)
