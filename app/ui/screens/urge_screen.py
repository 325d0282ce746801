"""The question a spacing timer ends with: how strong is the urge now? Answers over time
draw the person's own urge curve, so the question is short and skipping it is fine."""

from __future__ import annotations

import pendulum
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from app.domain.records import Timer
from app.ui.safe_text import shown
from app.ui.widgets.rating import RatingInput


class UrgeScreen(ModalScreen[int | None]):
    """Dismisses with the rating (1-10), or None when skipped."""

    BINDINGS = [
        Binding("enter", "save", "Save", id="urge-save"),
        Binding("escape", "skip", "Skip", id="urge-skip"),
    ]

    def __init__(self, timer: Timer, now: pendulum.DateTime, *, while_closed: bool) -> None:
        super().__init__()
        self.timer = timer
        self.asked_at = now
        self.while_closed = while_closed

    def compose(self) -> ComposeResult:
        name = self.timer.stimulus_name
        at = pendulum.instance(self.timer.ends_at).in_timezone(self.asked_at.timezone)
        same_day = at.date() == self.asked_at.date()
        when = at.format("HH:mm") if same_day else at.format("ddd D MMM, HH:mm")
        where = " while teeter was closed" if self.while_closed else ""
        with Vertical(id="urge-dialog"):
            yield Static(
                Content.assemble("Your ", shown(name), " timer ran out"),
                classes="step-progress",
            )
            yield Static(f"It ended at {when}{where}.", classes="step-intro")
            yield Static(
                Content.assemble("How strong is the urge for ", shown(name), " now?"),
                id="urge-question",
            )
            yield RatingInput("Urge", id="urge-rating")
            yield Static("", id="urge-error", classes="step-error")
            yield Static("enter saves · escape skips, which is fine too", classes="step-intro")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RatingInput).focus()

    def action_save(self) -> None:
        value = self.query_one(RatingInput).value
        if value is None:
            self.query_one("#urge-error", Static).update(
                "press a digit first (0 means 10), or escape to skip"
            )
            return
        self.dismiss(value)

    def action_skip(self) -> None:
        self.dismiss(None)
