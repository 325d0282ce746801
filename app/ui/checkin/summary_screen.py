"""After the steps: what today holds, in a sentence or two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from app.domain.checkin import CheckInProgress
from app.domain.summary import describe_day
from app.storage.tables import exposures, reframes, timers
from app.ui.host import Hosted
from app.ui.safe_text import shown_block
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass


class SummaryScreen(Screen[None], Hosted):
    BINDINGS = [
        Binding("enter", "done", "Done", id="summary-done"),
        Binding("escape", "done", "Home", show=False),
    ]

    def __init__(self, progress: CheckInProgress) -> None:
        super().__init__()
        self.progress = progress

    def compose(self) -> ComposeResult:
        start, end = self.journal.bounds()
        today, tz, hour = self.journal.today(), self.journal.zone(), self.journal.day_start_hour
        lines = describe_day(
            self.progress,
            exposures.on_days(self.journal.db, today, today, tz, hour),
            timers.started_between(self.journal.db, start, end),
            reframes.on_days(self.journal.db, today, today, tz, hour),
        )
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(classes="step-body"):
            yield Static("Check-in complete", classes="step-progress")
            yield Static(shown_block("\n\n".join(lines)), id="summary-text")
            yield Static(
                "Everything is saved. Come back whenever a craving shows up.",
                classes="step-intro",
            )
        yield Footer()

    def action_done(self) -> None:
        self.dismiss(None)
