"""`h` from home or the log: the whole history of one pleasure, week by week, month by month
or day by day, beyond the log's 30 days. Enter opens the entries of a row (a day opens
everything logged that day), each note whole."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from app.domain.history import Period, PeriodSummary, summarise
from app.domain.records import Exposure
from app.ui.host import Hosted
from app.ui.messages import DataChanged
from app.ui.screens import history_view
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass


class HistoryScreen(Screen[None], Hosted):
    BINDINGS = [
        Binding("escape", "back", "Back", id="history-back"),
        Binding("left", "step(-1)", "Previous", key_display="←", priority=True),
        Binding("right", "step(1)", "Next", key_display="→", priority=True),
        Binding("m", "period", "Weeks/months/days", id="history-period"),
        Binding("enter", "open", "Open", id="history-open", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period = Period.WEEK
        self.stimuli: list[tuple[int, str]] = []
        self.selected = 0
        self.chosen_id: int | None = None
        self.exposures: list[Exposure] = []
        self.summaries: list[PeriodSummary] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        yield Static("Reading your history…", id="history-heading")
        yield Static("", id="history-keys")
        yield DataTable(id="history-table", zebra_stripes=True, cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "History"
        self.query_one(DataTable).focus()
        self.load()

    def on_data_changed(self, _: DataChanged) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="history-load")
    def load(self) -> None:
        from app.storage.tables.history import all_of, with_stimulus_ids

        db = self.journal.db
        stimuli = with_stimulus_ids(db)
        ids = [sid for sid, _ in stimuli]
        index = ids.index(self.chosen_id) if self.chosen_id in ids else 0
        exposures = all_of(db, ids[index]) if ids else []
        self.app.call_from_thread(self.show, stimuli, index, exposures)

    def show(self, stimuli: list[tuple[int, str]], index: int, exposures: list[Exposure]) -> None:
        self.stimuli, self.selected, self.exposures = stimuli, index, exposures
        self.chosen_id = stimuli[index][0] if stimuli else None
        self.refresh_bindings()
        self.fill()

    def fill(self) -> None:
        heading = self.query_one("#history-heading", Static)
        keys = self.query_one("#history-keys", Static)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        if not self.stimuli:
            heading.update(history_view.empty())
            keys.update("")
            return
        self.summaries = summarise(
            self.exposures, self.journal.zone(), self.journal.day_start_hour, self.period
        )
        name = self.stimuli[self.selected][1]
        several = len(self.stimuli) > 1
        heading.update(
            history_view.heading(name, self.period, self.selected + 1, len(self.stimuli))
        )
        keys.update(history_view.keys_hint(self.period, several))
        for label in history_view.COLUMNS:
            numeric = label != "period"
            table.add_column(Text(label, justify="right") if numeric else label, key=label)
        table.add_rows(history_view.row(s) for s in self.summaries)

    # --- actions ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return len(self.stimuli) > 1
        if action == "open":
            return bool(self.summaries)
        return True

    def action_step(self, by: int) -> None:
        if len(self.stimuli) < 2:
            return
        self.chosen_id = self.stimuli[(self.selected + by) % len(self.stimuli)][0]
        self.load()

    def action_period(self) -> None:
        self.period = self.period.next
        self.fill()

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if not self.summaries or table.cursor_row < 0:
            return
        summary = self.summaries[min(table.cursor_row, len(self.summaries) - 1)]
        app = self.teeter
        if summary.period is Period.DAY:
            self.open_day(summary.first_day)
            return
        from app.domain.days import local_day
        from app.ui.screens.entries_screen import EntriesScreen

        tz, hour = self.journal.zone(), self.journal.day_start_hour
        inside = [
            e
            for e in self.exposures
            if summary.first_day <= local_day(e.occurred_at, tz, hour) <= summary.last_day
        ]
        name = self.stimuli[self.selected][1]
        app.push_screen(EntriesScreen(f"{name} · {summary.label}", inside))

    def open_day(self, day: dt.date) -> None:
        """Everything logged that day, every pleasure."""
        from app.domain.days import day_bounds
        from app.storage.tables.exposures import between
        from app.ui.screens.entries_screen import EntriesScreen

        app = self.teeter
        start, end = day_bounds(day, self.journal.zone(), self.journal.day_start_hour)
        label = history_view.day_title(day)
        app.push_screen(EntriesScreen(label, between(self.journal.db, start, end)))

    def action_back(self) -> None:
        self.dismiss()
