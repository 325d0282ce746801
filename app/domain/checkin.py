"""The daily check-in: its steps (`app.domain.steps`) walked in order, each done or
skipped, resumable.

This module decides what comes next; screens only show it and storage only keeps it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from app.domain.steps import STEPS, Step, StepState

__all__ = [
    "STEPS",
    "CheckInProgress",
    "Step",
    "StepState",
    "next_step",
    "previous_step",
    "progress_line",
]


@dataclass(frozen=True)
class CheckInProgress:
    """Where today's check-in stands. Immutable: every change returns a new value."""

    states: dict[Step, StepState] = field(
        default_factory=lambda: {step: StepState.PENDING for step in STEPS}
    )

    @classmethod
    def from_stored(cls, pairs: Iterable[tuple[str, str]]) -> CheckInProgress:
        """From (step, state) pairs as storage keeps them: a step without a pair is
        pending, and a name that is no step of this teeter's is left out."""
        known = {step.value: step for step in STEPS}
        states = {step: StepState.PENDING for step in STEPS}
        for name, state in pairs:
            if name in known:
                states[known[name]] = StepState(state)
        return cls(states)

    @property
    def settled(self) -> list[tuple[Step, StepState]]:
        """The steps done or skipped, in order, with how each ended: what storage keeps."""
        return [(s, self.state(s)) for s in STEPS if self.state(s) is not StepState.PENDING]

    def state(self, step: Step) -> StepState:
        return self.states.get(step, StepState.PENDING)

    def mark(self, step: Step, state: StepState) -> CheckInProgress:
        return replace(self, states={**self.states, step: state})

    @property
    def started(self) -> bool:
        return any(self.state(step) is not StepState.PENDING for step in STEPS)

    @property
    def complete(self) -> bool:
        return all(self.state(step) is not StepState.PENDING for step in STEPS)

    @property
    def done_count(self) -> int:
        return sum(self.state(step) is StepState.DONE for step in STEPS)

    @property
    def settled_count(self) -> int:
        """Steps done or skipped: how far along the walk is."""
        return sum(self.state(step) is not StepState.PENDING for step in STEPS)

    def resume_step(self) -> Step | None:
        """The first step not yet done or skipped; None when the check-in is complete."""
        return next((step for step in STEPS if self.state(step) is StepState.PENDING), None)


def next_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None


def previous_step(step: Step) -> Step | None:
    index = STEPS.index(step)
    return STEPS[index - 1] if index > 0 else None


def progress_line(step: Step) -> str:
    return f"Step {step.number} of {len(STEPS)} · {step.title}"
