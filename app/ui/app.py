"""The teeter App. It draws first and opens the database after (SQLModel costs ~0.3 s to
import, more than a whole first frame), then tells its screens the data is there."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from app.domain.days import DEFAULT_DAY_START_HOUR
from app.storage.file.location import Location
from app.ui.host import Host, JournalNotOpen
from app.ui.messages import DataChanged

if TYPE_CHECKING:
    import pendulum
    from textual.actions import ActionParseResult
    from textual.dom import DOMNode
    from textual.notifications import Notification
    from textual.theme import Theme

    from app.storage.file.database import Database
    from app.storage.file.journal import Journal
    from app.ui.screens.log_screen import LogRead

CARE_NOTE_SHOWN_S = 30  # the first-launch note's time on screen over home
CARE_NOTE_READ = dt.timedelta(seconds=20)  # covered sooner, it is shown again with home

NEEDS_JOURNAL = frozenset(
    {
        "forget",
        "checkin",
        "quick_log",
        "open_log",
        "open_timers",
        "open_stimuli",
        "open_history",
        "search_notes",
        "open_settings",
        "experiment",
    }
)
"""Actions that read or write the journal: disabled (greyed in the footer) until it is open."""


class TeeterApp(Host):
    CSS_PATH = Path(__file__).with_name("teeter.tcss")  # absolute: subclasses live elsewhere
    TITLE = "teeter"
    ENABLE_COMMAND_PALETTE = True
    # Screens under 60 columns (a phone in portrait, through `teeter serve`) get `-narrow`.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-normal")]
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit-app"),
        # Tab moves the focus in its turn among the keys typed fast or pasted (app/ui/in_turn)
        Binding("tab", "move_focus(1)", show=False, priority=True),
        Binding("shift+tab", "move_focus(-1)", show=False, priority=True),
        Binding("u", "undo", "Undo", id="undo"),
        # Only while the palette's Keys panel is open (see check_action); else escape is
        # the screen's.
        Binding("escape", "hide_help_panel", "Hide keys", show=False, priority=True),
    ]

    def __init__(
        self,
        location: Location | os.PathLike[str] | str,
        clock: Callable[[], pendulum.DateTime] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.location = Location.of(location)
        self._clock = clock
        self._journal: Journal | None = None
        self._day_start_hour = DEFAULT_DAY_START_HOUR  # until the journal is open
        self.failure: str | None = None
        from app.ui.undo import UndoKeeper

        self.undo = UndoKeeper(self)
        self._kept_theme: str | None = None
        self._typed_ahead: str | None = None
        self._opening_log = False
        self._care_note: str | None = None  # the first-launch note, until home is on top
        self._care_shown: tuple[Notification, pendulum.DateTime] | None = None  # and since
        self._keeping_theme: str | None = None  # on its way to the file

    # --- colours ------------------------------------------------------------------------
    few_colours = False
    """True on a 16-colour terminal (TERM=linux, a plain xterm), where blended shades
    collapse to black or dim grey: the stylesheet's variables then switch to the terminal's
    own colours (see `get_css_variables`). Decided at mount, for a real terminal only."""

    def get_css_variables(self) -> dict[str, str]:
        from app.ui.colours import adjusted

        return adjusted(super().get_css_variables(), few=self.few_colours)

    # --- the journal ----------------------------------------------------------------------
    @property
    def journal(self) -> Journal:
        if self._journal is None:
            raise JournalNotOpen("the journal is not open yet")
        return self._journal

    @property
    def is_open(self) -> bool:
        return self._journal is not None

    @property
    def db(self) -> Database | None:
        """The open database, or None before it is open (what tests wait for)."""
        return self._journal.db if self._journal is not None else None

    @property
    def day_start_hour(self) -> int:
        return self._journal.day_start_hour if self._journal is not None else self._day_start_hour

    # --- time -----------------------------------------------------------------------
    def now(self) -> pendulum.DateTime:
        """Now, in the person's zone (the injected clock decides both)."""
        if self._clock is None:
            from app.clock import system_now

            self._clock = system_now
        return self._clock()

    def zone(self) -> pendulum.Timezone | pendulum.FixedTimezone:
        """The person's zone, as the injected clock says."""
        from app.clock import zone_of

        return zone_of(self.now())

    def today(self) -> dt.date:
        if self._journal is not None:
            return self._journal.today()
        from app.clock import zone_of
        from app.domain.days import local_day

        now = self.now()
        return local_day(now, zone_of(now), self.day_start_hour)

    def bounds_for(self, day_start_hour: int) -> tuple[dt.date, dt.datetime, dt.datetime]:
        """Today and its [start, end) for a given day-start hour (before the stored hour is
        known, e.g. for the first look at the journal)."""
        from app.clock import zone_of
        from app.domain.days import day_bounds, local_day

        now = self.now()
        zone = zone_of(now)
        day = local_day(now, zone, day_start_hour)
        start, end = day_bounds(day, zone, day_start_hour)
        return day, start, end

    # --- start-up -------------------------------------------------------------------
    def get_default_screen(self) -> Screen[Any]:
        from app.storage.file.glance import home_overview
        from app.ui.screens.home_screen import HomeScreen

        # Today's data in a few milliseconds of plain sqlite3, before the first frame; the
        # full storage stack (~0.5 s to import) loads after that frame is on screen.
        first_look = (
            home_overview(self.location.path, self.bounds_for, self.zone())
            if self._journal is None and self.location.is_file  # a server: no file to glance
            else None
        )
        if first_look is not None:
            self._day_start_hour = first_look[0]
        return HomeScreen(first_look)

    @work(thread=True, exclusive=True, group="open-database")
    def open_database(self) -> None:
        from app.storage.file.errors import StorageError
        from app.storage.file.journal import open_journal
        from app.storage.tables import settings

        try:
            journal = open_journal(self.location, self.now)
            theme = settings.get(journal.db, settings.THEME)
        except StorageError as error:
            self.call_from_thread(self.fail, str(error))
            return
        self.call_from_thread(self._journal_ready, journal, theme)

    def _journal_ready(self, journal: Journal, theme: str | None) -> None:
        self._journal = journal
        self.refresh_bindings()  # the footer's keys come alive
        self._kept_theme = theme
        if theme and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        self.data_changed()
        from app.ui.timer_watch import TimerWatch

        self.timer_watch = TimerWatch(self, journal)
        self.timer_watch.start(then=self._after_questions)
        from app.ui.live_watch import LiveWatch

        self.live_watch = LiveWatch(self, journal)
        self.live_watch.start()
        self.set_interval(1.0, self._watch_journal)

    def _after_questions(self) -> None:
        """Once the urge questions are answered: the key pressed while the journal opened,
        or else the offer to resume (a person who already chose where to go is not asked);
        then the first-launch note, which waits for home to be on top."""
        if self._typed_ahead:
            self._run_typed_ahead()
        else:
            self.offer_resume()
        self.first_launch_note()

    def first_launch_note(self) -> None:
        """Once per journal, on its first launch: teeter is not medical advice, and where
        its care notes are. A toast, so it never stands between a person and the app. Noted
        off the event loop: at launch the file may be busy in another teeter."""
        from app.domain.safety import FIRST_LAUNCH_NOTE
        from app.storage.tables import settings
        from app.ui.background import in_background

        if self._journal is None:
            return
        db, today = self._journal.db, self.today().isoformat()

        def first_time() -> bool:
            if settings.get(db, settings.CARE_NOTE_SEEN) is not None:
                return False
            settings.put(db, settings.CARE_NOTE_SEEN, today)
            return True

        def noted(first: bool) -> None:
            if first:
                self._care_note = FIRST_LAUNCH_NOTE
                self.home_on_top()

        in_background(self, first_time, noted, lambda _: None, group="first-launch")

    def home_on_top(self) -> None:
        """The first-launch note waits for home: shown over a question or the offer to
        resume, it covered half of that dialog at 80×24."""
        from textual.notifications import Notification, Notify

        from app.ui.screens.home_screen import HomeScreen

        if self._care_note is None or not isinstance(self.screen, HomeScreen):
            return
        note, self._care_note = self._care_note, None
        shown = Notification(note, "Before you start", timeout=CARE_NOTE_SHOWN_S, markup=False)
        self.post_message(Notify(shown))
        self._care_shown = (shown, self.now())

    def home_covered(self) -> None:
        """Something opened over home: the first-launch note comes down rather than cover
        it (over a first check-in at 80×24 it hid most of the kinds a new name is asked
        to pick from). Taken down before it could be read, it comes back with home."""
        if self._care_shown is None:
            return
        shown, since = self._care_shown
        self._care_shown = None
        if self.now() - since < CARE_NOTE_READ:
            self._care_note = shown.message

        def take_down() -> None:  # after the note's own message, so it has landed
            if shown in self._notifications:
                self._unnotify(shown)

        self.call_later(take_down)

    def _keep_theme(self, theme: Theme) -> None:
        """A theme picked anywhere (settings or the palette) is the one the next start uses.
        Written off the event loop (the file may be busy), one write at a time: picked
        again meanwhile, the newest is written once the first lands."""
        from app.storage.file.errors import StorageError
        from app.storage.tables import settings
        from app.ui.background import in_background

        if self._journal is None or theme.name in (self._kept_theme, self._keeping_theme):
            return
        if self._keeping_theme is not None:
            return  # written when the write on its way lands
        db, name = self._journal.db, theme.name
        self._keeping_theme = name

        def kept(_: None) -> None:
            self._kept_theme, self._keeping_theme = name, None
            if self.theme != name:
                self._keep_theme(self.current_theme)

        def failed(error: StorageError) -> None:
            self._keeping_theme = None
            self.notify(str(error), severity="error", markup=False)

        in_background(
            self, lambda: settings.put(db, settings.THEME, name), kept, failed, group="theme"
        )

    def _watch_journal(self) -> None:
        """Stop, with one line, as soon as the journal's file is deleted or replaced: every
        write also checks (Database.write), this catches it while nothing is written."""
        reason = self._journal.db.gone() if self._journal is not None else None
        if reason is not None and self.failure is None:
            self.fail(
                f"{self.location.describe()}: {reason}; teeter stopped so that nothing more is lost"
            )

    def _handle_exception(self, error: Exception) -> None:
        """A storage problem in the middle of a session (the disk failed, the file went
        read-only) ends teeter with one line, like at start-up, never with a traceback."""
        from app.storage.file.errors import StorageError

        seen: Exception | BaseException | None = error
        for _ in range(8):  # the error itself, a worker's wrapped error, or their causes
            if seen is None or isinstance(seen, StorageError):
                break
            seen = getattr(seen, "error", None) or seen.__cause__ or seen.__context__
        if isinstance(seen, StorageError):
            self.fail(str(seen))
            return
        super()._handle_exception(error)

    def forget_everything(self) -> str:
        """Delete all data: close our connections (the scrub needs the file to itself),
        scrub, then reopen the now empty journal."""
        try:
            result = self.journal.forget()
        finally:
            self.data_changed()
        backups = f" and {len(result.backups)} backup(s)" if result.backups else ""
        if self.location.is_server:
            from app.storage.server.forget import SERVER_LIMITS

            return f"{result.rows} records deleted on the server; {SERVER_LIMITS}."
        return f"{result.rows} records{backups} deleted; teeter starts afresh."

    def action_forget(self) -> None:
        from app.ui.screens.forget_screen import ForgetScreen

        def done(deleted: bool | None) -> None:
            if deleted:
                while len(self.screen_stack) > 1:  # back to home
                    self.pop_screen()

        self.push_screen(ForgetScreen(), done)

    def keep_undo(self, title: str, done: str, take_back: Callable[[], str]) -> None:
        self.undo.keep(title, done, take_back)

    def check_support(self) -> None:
        self.timer_watch.check_support()

    def fail(self, message: str) -> None:
        """An expected storage problem: leave the terminal and say it in one line."""
        self.failure = message
        self.exit(1, return_code=1)

    def data_changed(self) -> None:
        for screen in self.screen_stack:
            screen.post_message(DataChanged())

    def on_mount(self) -> None:
        if not self.is_headless and self.console.color_system in ("standard", "windows"):
            self.use_few_colours()

    def use_few_colours(self) -> None:
        """The terminal's own colours, passed through, not their nearest bright cousins."""
        self.few_colours = True
        self.ansi_color = True
        self.refresh_css(animate=False)

    def on_unmount(self) -> None:
        watch = getattr(self, "timer_watch", None)
        if watch is not None:
            watch.release_unanswered()
        if self._journal is not None:
            self._journal.close()

    # --- actions --------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":  # in the footer only while there is something to undo
            return self.undo.available()
        if action == "hide_help_panel":  # escape is the screen's unless the panel is open
            return bool(self.screen.query("HelpPanel"))
        if action in NEEDS_JOURNAL and self._journal is None:
            return None  # shown, greyed, until the journal is open
        return True

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """A key for the journal pressed in the moment before it opens (home shows today
        from a first look, so a person can see and press before the journal is ready) is
        kept, and runs once it opens: it is not lost. The last such key wins."""
        if self._journal is None and isinstance(action, str):
            name = action.partition("(")[0]
            on_app = name.startswith("app.") or (
                "." not in name and default_namespace in (None, self)
            )
            if on_app and name.removeprefix("app.") in NEEDS_JOURNAL:
                self._typed_ahead = name.removeprefix("app.")
                return True
        return await super().run_action(action, default_namespace, namespaces)

    def _run_typed_ahead(self) -> None:
        action, self._typed_ahead = self._typed_ahead, None
        if action is not None:
            self.call_later(self.run_action, f"app.{action}")

    def action_undo(self) -> None:
        self.undo.run()

    async def action_move_focus(self, step: int) -> None:
        """Tab and shift+tab, once the field has taken the keys typed before them."""
        from app.ui.in_turn import keys_landed

        await keys_landed(self)
        if step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    async def action_quit(self) -> None:
        """ctrl+q and q: quit at once, unless a form holds typing that was never saved."""
        from app.ui.unsaved import quit_or_ask

        quit_or_ask(self)

    def offer_resume(self) -> None:
        from app.storage.tables import checkins

        if self._journal is None:
            return
        checkin = checkins.for_day(self._journal.db, self.today())
        if checkin is None or not checkin.progress.started or checkin.progress.complete:
            return
        from app.ui.screens.resume_screen import ResumeScreen

        def answered(resume: bool | None) -> None:
            if resume:
                self.action_checkin()

        self.push_screen(ResumeScreen(checkin.progress), answered)

    def action_checkin(self) -> None:
        from app.ui.checkin.base import StepScreen
        from app.ui.checkin.summary_screen import SummaryScreen

        if any(isinstance(s, StepScreen | SummaryScreen) for s in self.screen_stack):
            self.notify("You are in the check-in already.", markup=False)
            return
        self.walk_checkin()

    @work(exclusive=True, group="checkin")
    async def walk_checkin(self) -> None:
        from app.ui.checkin.flow import walk

        await walk(self)

    def action_quick_log(self) -> None:
        from app.ui.screens.quick_log_screen import QuickLogScreen

        self.push_screen(QuickLogScreen())

    def action_open_log(self) -> None:
        """The log opens with its window already read (off the event loop), so it is drawn
        once, with its data; should the read fail, it opens and reads again itself."""
        from app.ui.background import in_background
        from app.ui.screens.log_screen import WINDOWS, LogScreen, read_window

        if isinstance(self.screen, LogScreen) or self._opening_log:
            return
        self._opening_log = True
        journal = self.journal

        def opened(first: LogRead | None) -> None:
            self._opening_log = False
            if not isinstance(self.screen, LogScreen):
                self.push_screen(LogScreen(first))

        in_background(
            self,
            lambda: read_window(journal, WINDOWS[0]),
            opened,
            lambda _error: opened(None),
            group="log-open",
        )

    def action_open_timers(self) -> None:
        from app.ui.screens.timers_screen import TimersScreen

        self.push_screen(TimersScreen())

    def action_open_stimuli(self) -> None:
        from app.ui.screens.stimuli_screen import StimuliScreen

        if not isinstance(self.screen, StimuliScreen):
            self.push_screen(StimuliScreen())

    def action_open_history(self) -> None:
        from app.ui.screens.history_screen import HistoryScreen

        if not isinstance(self.screen, HistoryScreen):
            self.push_screen(HistoryScreen())

    def action_search_notes(self) -> None:
        from app.ui.screens.note_search_screen import NoteSearchScreen

        if not isinstance(self.screen, NoteSearchScreen):
            self.push_screen(NoteSearchScreen())

    def action_open_help(self) -> None:
        from app.ui.screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_open_settings(self) -> None:
        from app.ui.screens.settings_screen import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_experiment(self) -> None:
        from app.ui.screens.experiment_screen import ExperimentScreen

        if not isinstance(self.screen, ExperimentScreen):
            self.push_screen(ExperimentScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """teeter's own commands; those that need the journal only once it is open."""
        for command in self._teeter_commands():
            name = command.callback.__name__.removeprefix("action_")
            if name not in NEEDS_JOURNAL or self.is_open:
                yield command
        yield from super().get_system_commands(screen)

    def _teeter_commands(self) -> Iterable[SystemCommand]:
        from app.domain.steps import STEPS

        walk = "Walk " + ", ".join(step.title for step in STEPS)
        yield SystemCommand("check-in: start or resume", walk, self.action_checkin)
        yield SystemCommand(
            "log: quick entry", "Log one entry with both ratings", self.action_quick_log
        )
        yield SystemCommand(
            "log: three days",
            "Enjoyment vs craving, the verdict and your gap evidence",
            self.action_open_log,
        )
        yield SystemCommand(
            "history: weeks and months",
            "Each pleasure's mean enjoyment and craving per week, month or day; open any day",
            self.action_open_history,
        )
        yield SystemCommand(
            "notes: search", "Find the entries whose note has a word", self.action_search_notes
        )
        yield SystemCommand(
            "timers: open",
            "Start, end early, extend or cancel spacing timers",
            self.action_open_timers,
        )
        yield SystemCommand(
            "experiment: three days",
            "A baseline day, two spaced days, then your own comparison",
            self.action_experiment,
        )
        yield SystemCommand(
            "stimuli: manage",
            "Add, rename, set the kind, archive or delete a pleasure",
            self.action_open_stimuli,
        )
        yield SystemCommand(
            "help: how teeter works",
            "The model, the keys, your data file, what teeter is not",
            self.action_open_help,
        )
        yield SystemCommand(
            "data: delete all…", "Erase every entry, after a typed confirmation", self.action_forget
        )
        yield SystemCommand(
            "settings: open", "Day-start hour, theme, the help text", self.action_open_settings
        )
