"""The check-in's steps, in order: the one list the schema, export and import, the status
line and every "step N of M" derive from. Adding a step is a line here, its screen (see
`app.ui.checkin.flow`) and its words in the help.

Only `enum` is imported, so `teeter status`, which runs before every shell prompt, can read
the list without paying for dataclasses or pendulum. The rules (what comes next, what
counts as done) are in `app.domain.checkin`."""

from __future__ import annotations

import enum


class Step(enum.StrEnum):
    NOTICE = "notice"
    TRACK = "track"
    SPACE = "space"
    REFRAME = "reframe"

    @property
    def title(self) -> str:  # type: ignore[override]  # a shown name, in place of str.title()
        return self.value.capitalize()

    @property
    def number(self) -> int:
        return STEPS.index(self) + 1


STEPS: tuple[Step, ...] = tuple(Step)
"""In the order they are walked: the order of `Step` above."""


class StepState(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
