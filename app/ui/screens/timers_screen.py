"""`t` from home: every running spacing timer with a live countdown and a progress bar;
start one (a preset, a typed duration or the person's own suggested gap), end one early,
extend it or cancel it. Ending early is recorded plainly: it is information, not failure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from app.domain.durations import format_duration
from app.domain.records import StimulusKind, Timer, TimerEnd
from app.domain.safety import Guidance, guidance
from app.storage.tables import stimuli, timers
from app.ui.background import attempt, in_background
from app.ui.host import Hosted
from app.ui.messages import DataChanged
from app.ui.screens import timers_view
from app.ui.screens.timers_start import StartTimerForm
from app.ui.unsaved import GuardsInput
from app.ui.widgets.exposure_form import FormError
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    import pendulum

    pass

_ON_A_TIMER = {"end_early", "extend", "cancel_timer"}


class TimersScreen(GuardsInput, Screen[None], Hosted):
    BINDINGS = [
        Binding("escape", "back", "Back", id="timers-back"),
        Binding("n", "new", "New timer", id="timers-new"),
        Binding("e", "end_early", "End early", id="timers-end-early"),
        Binding("x", "extend", "Extend", id="timers-extend"),
        Binding("delete", "cancel_timer", "Cancel timer", id="timers-cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.running: list[Timer] = []

    def compose(self) -> ComposeResult:
        names = [s.name for s in stimuli.list_active(self.journal.db)]
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(id="timers-body"):
            with Vertical(id="timers-running", classes="timers-card"):
                yield OptionList(id="timers-list", compact=True)
                yield Static("No timers running.", id="timers-empty")
            yield StartTimerForm(names, id="timers-start")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Timers"
        self.query_one("#timers-running").border_title = "Running"
        self.reload()
        target = "#timers-list" if self.running else "#timers-stimulus"
        self.query_one(target).focus()
        self.set_interval(1.0, self.tick)
        self.call_after_refresh(self.mark_saved)

    # --- showing --------------------------------------------------------------------
    def on_data_changed(self, _: DataChanged) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        chosen = self.chosen()
        self.running = timers.active(self.journal.db)
        now = self.journal.now()
        options = self.query_one("#timers-list", OptionList)
        options.set_options(
            Option(timers_view.row(timer, now), id=str(timer.id)) for timer in self.running
        )
        ids = [timer.id for timer in self.running]
        if self.running:
            options.highlighted = ids.index(chosen.id) if chosen and chosen.id in ids else 0
        options.display = bool(self.running)
        self.query_one("#timers-empty").display = not self.running
        self.refresh_bindings()

    def tick(self) -> None:
        """Every second, from the stored ends and `self.journal.now()`: never a counted tick."""
        now = self.journal.now()
        options = self.query_one("#timers-list", OptionList)
        for index, timer in enumerate(self.running):
            options.replace_option_prompt_at_index(index, timers_view.row(timer, now))

    def chosen(self) -> Timer | None:
        index = self.query_one("#timers-list", OptionList).highlighted
        if index is None or not 0 <= index < len(self.running):
            return None
        return self.running[index]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _ON_A_TIMER and not self.running:
            return None  # shown greyed out: there is no timer to act on
        return True

    @property
    def form(self) -> StartTimerForm:
        return self.query_one(StartTimerForm)

    # --- starting -------------------------------------------------------------------
    def on_start_timer_form_submitted(self, event: StartTimerForm.Submitted) -> None:
        try:
            name, duration = self.form.read(event.duration)
        except FormError as error:
            self.form.show_error(str(error))
            error.field.focus()
            return
        kind = self.form.new_kind
        self.after_care(
            guidance(kind or self.stored_kind(name), name),
            "Start anyway",
            lambda: self.start(name, duration, kind),
        )

    def stored_kind(self, name: str) -> StimulusKind | None:
        known = stimuli.find(self.journal.db, name)
        return known.kind if known else None

    def after_care(self, care: Guidance, go_on: str, then: Callable[[], None]) -> None:
        """Run `then` at once, or, for a substance, after its care notice has been read and
        the person chose to go on: no spacing of one starts before the notice."""
        if not care.care_first or care.notice_with_disclaimer is None:
            then()
            return
        from app.ui.screens.confirm_screen import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        question = ConfirmScreen(
            care.notice_with_disclaimer, title="A word of care", confirm=go_on, cancel="Not now"
        )
        self.app.push_screen(question, answered)

    def start(self, name: str, duration: dt.timedelta, kind: StimulusKind | None) -> None:
        """Start it off the event loop (the file may be busy); one running per pleasure."""
        db, now = self.journal.db, self.journal.now()

        def start() -> Timer | timers.AlreadyRunning:
            try:
                return timers.start(db, name, duration, now, kind)
            except timers.AlreadyRunning as error:
                return error

        in_background(
            self,
            start,
            lambda timer: self.started(timer, duration),
            lambda error: self.form.refuse(str(error)),
            group="timer-start",
        )

    def started(self, timer: Timer | timers.AlreadyRunning, duration: dt.timedelta) -> None:
        app = self.teeter
        if isinstance(timer, timers.AlreadyRunning):
            self.form.refuse(f"{timer}; extend it with x instead")
            return
        self.form.started()
        self.mark_saved()
        app.notify(
            f"Timer set: {format_duration(duration)}", title=timer.stimulus_name, markup=False
        )
        app.data_changed()
        self.reload()
        options = self.query_one("#timers-list", OptionList)
        options.highlighted = [t.id for t in self.running].index(timer.id)
        options.focus()

    # --- acting on the highlighted timer ---------------------------------------------
    def action_new(self) -> None:
        self.query_one("#timers-stimulus", Input).focus()

    def action_back(self) -> None:
        self.leave_or_ask(lambda: self.dismiss(None))

    def action_end_early(self) -> None:
        self.finish(TimerEnd.ENDED_EARLY, "Ended early at {at}; recorded as it was.")

    def action_cancel_timer(self) -> None:
        self.finish(TimerEnd.CANCELLED, "Cancelled at {at}.")

    def finish(self, how: TimerEnd, message: str) -> None:
        """End the highlighted timer off the event loop (the file may be busy)."""
        timer = self.chosen()
        if timer is None:
            return
        now, db = self.journal.now(), self.journal.db
        in_background(
            self,
            lambda: timers.finish(db, timer.id, how, now),
            lambda ended: self.finished(ended, how, message, now),
            lambda error: self.form.show_error(str(error)),
            group="timer-finish",
        )

    def finished(
        self, ended: Timer | None, how: TimerEnd, message: str, now: pendulum.DateTime
    ) -> None:
        app = self.teeter
        app.data_changed()
        if ended is not None:
            db, timer_id = self.journal.db, ended.id

            def take_back() -> str:
                if timers.reopen(db, timer_id) is None:
                    raise LookupError(
                        "It could not run again: it changed meanwhile, or another runs."
                    )
                return "Running again, as before."

            app.keep_undo(ended.stimulus_name, message.format(at=now.format("HH:mm")), take_back)
        if ended is not None and how is TimerEnd.ENDED_EARLY:
            app.check_support()

    def action_extend(self) -> None:
        from app.ui.screens.extend_screen import ExtendScreen

        timer = self.chosen()
        if timer is None:
            return

        def extend(by: dt.timedelta | None) -> None:
            if by is None:
                return
            care = guidance(self.stored_kind(timer.stimulus_name), timer.stimulus_name)
            self.after_care(care, "Extend anyway", lambda: extend_by(by))

        def extend_by(by: dt.timedelta) -> None:
            db = self.journal.db
            in_background(  # off the event loop: the file may be busy
                self,
                attempt(lambda: timers.extend(db, timer.id, by)),  # DurationError: 7 days in all
                lambda longer: extended(longer, by),
                lambda error: self.form.show_error(str(error)),
                group="timer-extend",
            )

        def extended(longer: Timer | None | LookupError | ValueError, by: dt.timedelta) -> None:
            app = self.teeter
            if isinstance(longer, LookupError | ValueError):
                self.form.show_error(str(longer))
                return
            if longer is not None:
                end = timers_view.until_text(longer.ends_at, self.journal.now())
                app.notify(
                    f"{format_duration(by)} more, until {end}.",
                    title=longer.stimulus_name,
                    markup=False,
                )
            app.data_changed()

        self.app.push_screen(ExtendScreen(timer), extend)
