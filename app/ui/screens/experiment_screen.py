"""The three-day experiment: start one, follow it (day N of 3, the gap suggested from day 1),
abandon it without fuss, and read the comparison of past ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from app.domain.durations import format_duration
from app.domain.experiment import Experiment, Phase, phase_of
from app.domain.safety import guidance
from app.storage.file.errors import StorageError
from app.storage.tables import experiments, stimuli, suggestions, timers
from app.ui.background import STILL_SAVING, in_background
from app.ui.host import Hosted
from app.ui.messages import DataChanged
from app.ui.safe_text import shown
from app.ui.screens import experiment_view
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine

if TYPE_CHECKING:
    pass


class ExperimentScreen(Screen[None], Hosted):
    AUTO_FOCUS = None  # focus follows the state: the picker when none runs (see reload)
    BINDINGS = [
        Binding("b", "begin", "Begin", id="experiment-begin"),
        Binding("t", "start_timers", "Start suggested timers", id="experiment-timers"),
        Binding("a", "abandon", "Abandon", id="experiment-abandon"),
        Binding("escape", "back", "Back", id="experiment-back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.current: Experiment | None = None
        self.past: list[Experiment] = []
        self.writing = False  # a change is on its way to the file: no second one meanwhile
        self.completed: Experiment | None = None  # completed while this screen was open

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(id="experiment-body"):
            yield Static(experiment_view.INTRO, classes="experiment-note")
            yield Static("", id="experiment-current", classes="experiment-card")
            with Vertical(id="experiment-start"):
                yield Label("Which pleasures? space toggles · b begins", classes="field-label")
                yield SelectionList[int](id="experiment-pick")
                yield Static("", id="experiment-left-out", classes="experiment-note")
            yield MessageLine(id="experiment-error", classes="step-error")
            yield Static("", id="experiment-summary", classes="experiment-card")
            yield Label("Past experiments", id="experiment-past-label", classes="field-label")
            yield OptionList(id="experiment-past")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "three days"
        self.query_one("#experiment-current").border_title = "Now"
        self.query_one("#experiment-summary").border_title = "Day 1 against days 2–3"
        self.reload()

    def on_data_changed(self, _: DataChanged) -> None:
        self.reload()

    def settle(self) -> None:
        """Complete an experiment whose last day is over, off the event loop (it writes its
        summary, and the file may be busy); the screen reads again once it has."""
        journal = self.journal
        db, today, tz, hour = journal.db, journal.today(), journal.zone(), journal.day_start_hour

        def settled(completed: Experiment | None) -> None:
            if completed is not None:
                self.completed = completed
                self.teeter.data_changed()

        in_background(
            self,
            lambda: experiments.settle(db, today, tz, hour),
            settled,
            lambda error: self.say(str(error)),  # busy in another teeter: the next read retries
            group="experiment-settle",
        )

    def reload(self) -> None:
        tz = self.journal.zone()
        self.settle()
        completed = self.completed
        try:
            self.current = experiments.running(self.journal.db)
            self.past = experiments.past(self.journal.db)
        except StorageError as error:  # busy in another teeter: say so, keep what is shown
            self.say(str(error))
            return
        current = self.query_one("#experiment-current", Static)
        if self.current is None:
            current.update(experiment_view.NOT_RUNNING)
        else:
            today = self.journal.today()
            now = suggestions.experiment_now(
                self.journal.db, self.current, today, tz, self.journal.day_start_hour
            )
            current.update(experiment_view.running(self.current, now, today))
        self.query_one("#experiment-start").display = self.current is None
        if self.current is None:
            self.fill_picker()
        elif self.focused is None or not self.focused.display:
            self.query_one("#experiment-body").focus()
        past_list = self.query_one("#experiment-past", OptionList)
        past_list.clear_options()
        past_list.add_options(
            Option(experiment_view.past_label(e), id=str(e.id)) for e in self.past
        )
        for widget in ("#experiment-past", "#experiment-past-label", "#experiment-summary"):
            self.query_one(widget).display = bool(self.past)
        if self.past:
            chosen = completed or self.past[0]
            past_list.highlighted = next(i for i, e in enumerate(self.past) if e.id == chosen.id)
            self.show_past(chosen)
        self.refresh_bindings()

    def fill_picker(self) -> None:
        picker: SelectionList[int] = self.query_one("#experiment-pick", SelectionList)
        chosen = set(picker.selected)
        picker.clear_options()
        left_out = []
        for stimulus in stimuli.list_active(self.journal.db):
            if guidance(stimulus.kind, stimulus.name).care_first:
                left_out.append(stimulus.name)
                continue
            picker.add_option((shown(stimulus.name), stimulus.id, stimulus.id in chosen))
        note = self.query_one("#experiment-left-out", Static)
        note.update(shown(experiment_view.left_out(left_out)))
        note.display = bool(left_out)
        if picker.option_count and picker.highlighted is None:
            picker.highlighted = 0
        if self.focused is None or self.focused is self.query_one("#experiment-body"):
            picker.focus()

    def show_past(self, experiment: Experiment) -> None:
        self.query_one("#experiment-summary", Static).update(
            experiment_view.ended(experiment, self.journal.zone())
        )

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id != "experiment-past" or event.option.id is None:
            return
        for experiment in self.past:
            if str(experiment.id) == event.option.id:
                self.show_past(experiment)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "begin":
            return self.current is None
        if action == "abandon":
            return self.current is not None
        if action == "start_timers":
            today = self.journal.today()
            return (
                self.current is not None
                and phase_of(self.current.day_number(today)) is Phase.SPACED
            )
        return True

    def say(self, message: str) -> None:
        self.query_one("#experiment-error", MessageLine).say(message)

    # --- changes, written off the event loop (the file may be busy for seconds) ----------
    def write(self, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run a change in a worker; the message line says when it waits for the file."""
        if self.writing:
            self.say(STILL_SAVING)
            return
        self.writing = True

        def landed(result: Any) -> None:
            self.writing = False
            done(result)

        def failed(error: StorageError) -> None:
            self.writing = False
            self.say(str(error))

        in_background(self, call, landed, failed, group="experiment-write", waiting=self.say)

    def action_begin(self) -> None:
        picker: SelectionList[int] = self.query_one("#experiment-pick", SelectionList)
        db, chosen, today, now = (
            self.journal.db,
            picker.selected,
            self.journal.today(),
            self.journal.now(),
        )

        def begin() -> str | None:
            try:
                experiments.start(db, chosen, today, now)
            except (
                experiments.AlreadyRunning,
                experiments.NoStimuli,
                experiments.NotOffered,
            ) as error:
                return str(error)
            return None

        def begun(refused: str | None) -> None:
            self.say(refused or "")
            if refused is None:
                self.teeter.notify("Day 1 of 3: log as usual today.", title="Experiment started")
                self.teeter.data_changed()

        self.write(begin, begun)

    def action_start_timers(self) -> None:
        assert self.current is not None
        db, current, now = self.journal.db, self.current, self.journal.now()
        tz, hour = self.journal.zone(), self.journal.day_start_hour

        def start() -> list[str]:
            started = []
            for stimulus in current.stimuli:
                hint = suggestions.baseline_hint(db, current, stimulus, tz, hour)
                if hint.interval is None:
                    continue
                try:
                    timers.start(db, stimulus.name, hint.interval, now)
                except timers.AlreadyRunning:
                    continue
                started.append(f"{stimulus.name} {format_duration(hint.interval)}")
            return started

        def begun(started: list[str]) -> None:
            app = self.teeter
            self.say("")
            if started:
                app.notify(", ".join(started), title="Timers started", markup=False)
            else:
                app.notify("Nothing to start: no suggestion yet, or a timer is already running.")
            app.data_changed()

        self.write(start, begun)

    def action_abandon(self) -> None:
        from app.ui.screens.confirm_screen import ConfirmScreen

        current = self.current
        if current is None:
            return
        db = self.journal.db

        def stopped(abandoned: bool) -> None:
            self.say("")
            if abandoned:
                self.teeter.notify("Stopped. Everything you logged stays in your log.")
                self.teeter.data_changed()

        def answered(yes: Any) -> None:
            if yes:
                now = self.journal.now()
                self.write(lambda: experiments.abandon(db, current.id, now), stopped)

        day = current.day_number(self.journal.today())
        self.app.push_screen(
            ConfirmScreen(
                f"Stop this experiment on day {day} of {current.days}? It is kept as "
                "abandoned, with no summary; everything logged stays in your log.",
                title="Abandon the experiment?",
                confirm="Abandon",
                cancel="Keep going",
            ),
            answered,
        )

    def action_back(self) -> None:
        self.dismiss(None)
