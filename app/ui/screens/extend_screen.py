"""Extend a running timer: how much longer? (30m, 1h, 2h30m…). Dismisses with the extra
time, or None when left with escape."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, Static

from app.domain.durations import DurationError, extended_end, parse_duration
from app.domain.records import Timer
from app.ui.safe_text import shown
from app.ui.widgets.dialog import Dialog, DialogScreen
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine

DEFAULT_EXTENSION = "30m"


class ExtendScreen(DialogScreen[dt.timedelta | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="extend-cancel"),
    ]

    def __init__(self, timer: Timer) -> None:
        super().__init__()
        self.timer = timer

    def compose(self) -> ComposeResult:
        with Dialog(id="extend-dialog"):
            yield Static(
                Content.assemble("Extend ", shown(self.timer.stimulus_name), " by how much?"),
                classes="step-progress",
            )
            yield Input(value=DEFAULT_EXTENSION, id="extend-by", compact=True)
            yield MessageLine(id="extend-error", classes="step-error")
            yield Static("30m, 1h, 2h30m… · enter extends · escape cancels", classes="step-intro")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#extend-by", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            by = parse_duration(event.value)
            extended_end(self.timer.started_at, self.timer.ends_at, by)  # the 7-day limit
        except DurationError as error:
            self.query_one("#extend-error", MessageLine).say(str(error))
            return
        self.dismiss(by)

    def action_cancel(self) -> None:
        self.dismiss(None)
