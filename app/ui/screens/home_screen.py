"""Home: today's date, where the check-in stands, running spacing timers, today's log."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from app.clock import zone_of
from app.domain.wording import full_day_words
from app.ui.host import Hosted
from app.ui.messages import DataChanged
from app.ui.widgets.entry_list import EntryList
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    from app.domain.experiment import Experiment
    from app.domain.overview import Overview


ROOMY = 140
"""From this many columns the footer also names `e` (experiment), `,` (settings), `h`
(history) and `/` (note search)."""
_ROOMY_ONLY = ("e", "comma", "h", "slash")


class HomeScreen(Screen[None], Hosted):
    BINDINGS = [
        Binding("c", "app.checkin", "Check-in", id="checkin"),
        Binding("l", "app.open_log", "Log", id="open-log"),
        Binding("n", "app.quick_log", "Quick log", id="quick-log"),
        Binding("t", "app.open_timers", "Timers", id="open-timers"),
        Binding("e", "app.experiment", "Experiment", id="open-experiment", show=False),
        Binding("h", "app.open_history", "History", id="open-history", show=False),
        Binding("slash", "app.search_notes", "Search notes", id="search-notes", show=False),
        Binding("s", "app.open_stimuli", "Stimuli", id="open-stimuli"),
        Binding("question_mark", "app.open_help", "Help", id="open-help"),
        Binding("comma", "app.open_settings", "Settings", id="open-settings", show=False),
        Binding("q", "app.quit", "Quit", id="quit"),
    ]

    def __init__(self, first_look: tuple[int, Overview] | None = None) -> None:
        """`first_look`: (day-start hour, today's data) read before the database is open
        (see storage.glance), so the first frame already shows the person's data."""
        super().__init__()
        self.overview: Overview | None = None
        self._first_look = first_look
        self._settled_on: dt.date | None = None
        self.experiments: tuple[Experiment | None, Experiment | None] = (None, None)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(id="home-body"):
            yield Static("Opening your journal…", id="home-checkin", classes="home-card")
            yield Static("", id="home-experiment")
            yield Static("", id="home-timers", classes="home-card")
            with Vertical(id="home-today", classes="home-card"):
                yield EntryList(id="home-entries", compact=True)
                yield Static("", id="home-nothing")
            yield Static("", id="home-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#home-checkin").border_title = "Today's check-in"
        self.query_one("#home-timers").border_title = "Spacing timers"
        self.query_one("#home-today").border_title = "Logged today"
        self.query_one("#home-entries").display = False
        self.set_interval(1.0, self.tick)
        if self.teeter.is_open:
            self.reload()
            return
        if self._first_look is not None:  # the app took its day-start hour
            self.overview = self._first_look[1]
            self.show()
        self.call_after_refresh(self.teeter.open_database)

    def on_resize(self, event: events.Resize) -> None:
        """Every key in the footer once there is room for it; at 80 columns the seven
        daily ones fit, and help (`?`) lists the rest."""
        if self.overview is not None:
            self.show()
        roomy = event.size.width >= ROOMY
        for key in _ROOMY_ONLY:
            bindings = self._bindings.key_to_bindings.get(key, [])
            self._bindings.key_to_bindings[key] = [
                dataclasses.replace(b, show=roomy) for b in bindings
            ]
        self.refresh_bindings()

    def on_data_changed(self, _: DataChanged) -> None:
        """Read again only while home can be seen (on top, or under a dialog): beneath a
        check-in step or the log it would read for no one, slowing the screen in front, and
        it reads anyway when it is back on top (`on_screen_resume`)."""
        stack = self.app.screen_stack  # (Textual's is_current holds for the screen beneath)
        if stack[-1] is self or (len(stack) > 1 and stack[-1].is_modal and stack[-2] is self):
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()
        self.teeter.home_on_top()

    def on_screen_suspend(self) -> None:
        self.teeter.home_covered()

    def reload(self) -> None:
        if not self.teeter.is_open:
            return
        from app.storage.tables.overview import experiments_now, overview

        journal = self.journal
        today = journal.today()
        if self._settled_on != today:
            self._settled_on = today
            self.settle_experiment(today)
        self.overview = overview(journal.db, today, journal.zone(), journal.day_start_hour)
        self.experiments = experiments_now(journal.db)
        self.show()

    def settle_experiment(self, today: dt.date) -> None:
        """Complete an experiment whose days are over, once a day (the first home after
        day 3 writes its summary), off the event loop: the file may be busy. When it was,
        the next reload tries again."""
        from app.storage.tables import experiments
        from app.ui.background import in_background

        journal = self.journal
        db, tz, hour = journal.db, journal.zone(), journal.day_start_hour

        def settled(completed: object) -> None:
            if completed is not None:
                self.teeter.data_changed()  # every screen shows it ended, with its summary

        def busy(_: object) -> None:
            self._settled_on = None

        in_background(
            self,
            lambda: experiments.settle(db, today, tz, hour),
            settled,
            busy,
            group="home-settle",
        )

    def tick(self) -> None:
        if self.overview is not None and self.overview.timers:
            self.show_timers()

    def show(self) -> None:
        from app.ui.screens import home_view

        overview = self.overview
        if overview is None:
            return
        self.sub_title = full_day_words(overview.day)
        self.query_one("#home-checkin", Static).update(home_view.checkin(overview.checkin))
        self.show_today()
        self.query_one("#home-hint", Static).update(home_view.hint(overview))
        if self.teeter.is_open:
            self.show_experiment()
        self.show_timers()

    def show_today(self) -> None:
        from app.ui.screens import home_view

        assert self.overview is not None
        rows = home_view.today(self.overview, zone_of(self.teeter.now()))  # open or not
        entries = self.query_one("#home-entries", EntryList)
        entries.styles.max_height = self.today_rows()  # the list scrolls past that
        had_none = not entries.display
        entries.show(rows)
        entries.display = bool(rows)
        nothing = self.query_one("#home-nothing", Static)
        nothing.update(home_view.NOTHING_TODAY)
        nothing.display = not rows
        self.query_one("#home-today").border_subtitle = "enter opens · d deletes" if rows else ""
        if rows and had_none and self.focused in (None, self.query_one("#home-body")):
            entries.highlighted = len(rows) - 1  # the latest, ready to open
            entries.focus()

    def today_rows(self) -> int:
        """As many of today's rows as fit below the other cards: home fills the room it has
        (about eight at 80×24, some thirty at 200×50), never fewer than three."""
        assert self.overview is not None
        timers = max(1, len(self.overview.timers))
        experiment = 2 if self.query_one("#home-experiment").display else 0
        # header, footer; check-in card (3 + margin); timers card (2 + rows + margin);
        # today's card frame (2 + margin); the hint (2); one line of slack.
        taken = 2 + 4 + (3 + timers) + 3 + 2 + experiment + 1
        return max(3, self.size.height - taken)

    def show_experiment(self) -> None:
        from app.ui.screens.experiment_view import home_line

        assert self.overview is not None
        line = home_line(*self.experiments, self.overview.day)
        widget = self.query_one("#home-experiment", Static)
        widget.update(line or "")
        widget.display = line is not None

    def show_timers(self) -> None:
        from app.ui.screens import home_view

        assert self.overview is not None
        self.query_one("#home-timers", Static).update(
            home_view.timers(self.overview.timers, self.teeter.now())
        )
