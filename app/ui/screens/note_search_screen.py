"""`/` from home or the log: find the entries whose note contains some words. Results show
as you type, newest first, each note whole."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from app.domain.records import Exposure
from app.domain.wording import counted
from app.storage.tables.history import SEARCH_LIMIT
from app.ui.host import Hosted
from app.ui.widgets.entry_table import EntryTable
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass


def found_words(count: int, text: str) -> str:
    if not text.strip():
        return "Type a word from a note; matches show as you type (case is ignored)."
    if count == 0:
        return "No note contains that."
    more = f" (the newest {SEARCH_LIMIT})" if count >= SEARCH_LIMIT else ""
    return f"{counted(count, 'entry')}{more}, newest first."


class NoteSearchScreen(Screen[None], Hosted):
    BINDINGS = [Binding("escape", "back", "Back", id="search-back")]

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Exposure] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        yield Static("Search your notes", classes="field-label")
        yield Input(placeholder="a word from a note", id="search-text", compact=True)
        yield Static(found_words(0, ""), id="search-count", classes="step-intro")
        yield EntryTable(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Notes"
        self.query_one("#search-text", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.found:
            self.query_one(EntryTable).focus()

    @work(thread=True, exclusive=True, group="note-search")
    def search(self, text: str) -> None:
        from app.storage.tables.history import with_note

        db = self.journal.db
        found = with_note(db, text)
        self.app.call_from_thread(self.show, text, found)

    def show(self, text: str, found: list[Exposure]) -> None:
        if text != self.query_one("#search-text", Input).value:
            return  # typed on since: a newer search is on its way
        self.found = found
        self.fill()
        table = self.query_one(EntryTable)
        legend = f"  ({table.legend})" if table.legend else ""
        self.query_one("#search-count", Static).update(found_words(len(found), text) + legend)

    def fill(self) -> None:
        room = self.size.width - 2
        self.query_one(EntryTable).show(
            self.found, self.journal.zone(), self.journal.day_start_hour, room
        )

    def on_resize(self, _: events.Resize) -> None:
        self.fill()

    def action_back(self) -> None:
        self.dismiss()
