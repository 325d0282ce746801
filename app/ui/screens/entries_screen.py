"""A list of entries with their whole notes: the exposures of one past day, of one week or
month of a pleasure, opened from the history view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from app.domain.records import Exposure
from app.ui.host import Hosted
from app.ui.widgets.entry_table import EntryTable
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass


class EntriesScreen(Screen[None], Hosted):
    BINDINGS = [Binding("escape", "back", "Back", id="entries-back")]

    def __init__(self, title: str, exposures: Sequence[Exposure], summary: str = "") -> None:
        super().__init__()
        self.heading = title
        self.exposures = list(exposures)
        self.summary = summary

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        yield Static("", id="entries-summary")
        yield EntryTable(id="entries-table")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.query_one(EntryTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        table = self.query_one(EntryTable)
        table.show(
            self.exposures, self.journal.zone(), self.journal.day_start_hour, event.size.width - 2
        )
        summary = self.query_one("#entries-summary", Static)
        summary.update(" · ".join(part for part in (self.summary, table.legend) if part))
        summary.display = bool(self.summary or table.legend)

    def action_back(self) -> None:
        self.dismiss()
