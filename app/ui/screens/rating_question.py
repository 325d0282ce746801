"""A small modal that asks for one 1-10 rating: enter saves, escape skips. The urge
question when a timer ends and the craving question when an urge-surf ends are both this."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Static

from app.ui.widgets.dialog import DialogScreen
from app.ui.widgets.rating import RatingInput


class RatingQuestion(DialogScreen[int | None]):
    """Dismisses with the rating, or None when skipped. Subclasses compose one
    RatingInput and a Static with the class `question-error`."""

    MISSING = "press a digit first (0 means 10), or escape to skip"

    BINDINGS = [
        Binding("enter", "save", "Save", id="question-save"),
        Binding("escape", "skip", "Skip", id="question-skip"),
    ]

    def on_mount(self) -> None:
        self.query_one(RatingInput).focus()

    def action_save(self) -> None:
        value = self.query_one(RatingInput).value
        if value is None:
            self.query_one(".question-error", Static).update(self.MISSING)
            return
        self.dismiss(value)

    def action_skip(self) -> None:
        self.dismiss(None)
