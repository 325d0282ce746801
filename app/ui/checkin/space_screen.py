"""Step 3, Space: put deliberate time before the next exposure, with a timer that ends in
a question. Suggestions come from the person's own numbers and stay suggestions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Static

from app.domain.checkin import Step
from app.domain.durations import PRESETS, DurationError, format_duration, parse_duration
from app.domain.records import Stimulus, StimulusKind, Timer
from app.domain.text import StimulusNameError, clean_name
from app.storage.tables import stimuli, timers
from app.ui.background import look_up
from app.ui.checkin.base import StepScreen
from app.ui.checkin.step_save import StepWrite
from app.ui.messages import DataChanged
from app.ui.safe_text import shown
from app.ui.widgets.choice import ChoiceInput
from app.ui.widgets.exposure_form import FormError

KINDS = list(StimulusKind)


NEW_KIND = "What kind is it?"
KNOWN_KIND = "Kind (change if wrong)"


class SpaceScreen(StepScreen):
    STEP = Step.SPACE
    INTRO = (
        "Leave more time before the next one. Spacing is not going without: a pleasure "
        "after a real gap tends to be enjoyed more than several close together. Start a "
        "timer; when it ends teeter asks how strong the craving is by then."
    )

    def compose_step(self) -> ComposeResult:
        yield Static("", id="space-running")
        yield Label("Space what?", classes="field-label")
        yield Input(
            value=self.context.stimulus, placeholder="coffee", id="space-stimulus", compact=True
        )
        yield ChoiceInput(NEW_KIND, [k.label for k in KINDS], id="space-kind")
        yield Static("", id="space-notice")
        yield Label("For how long? (30m, 1h, 2h30m…)", classes="field-label")
        with Horizontal(id="space-presets"):
            yield Input(placeholder="e.g. 2h", id="space-duration", compact=True)
            for preset in PRESETS:
                yield Button(preset, id=f"preset-{preset}", compact=True)
        yield Static("", id="space-suggestion")

    running: list[Timer] = []
    known: Stimulus | None = None  # the stored pleasure of the name on the form, if any

    def on_mount(self) -> None:
        # On the loop, once: a few milliseconds, and the first frame shows their results.
        self.show_known(self.read_known()(), first_frame=True)
        self.running = timers.active(self.journal.db)
        self.show_running()
        self.set_interval(1.0, self.show_running)  # the countdowns tick, from stored ends
        target = "#space-duration" if self.context.stimulus else "#space-stimulus"
        self.query_one(target, Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "space-stimulus":  # as the name is typed: read off the loop
            look_up(self, self.read_known(), self.show_known, group="space-known")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("preset-"):
            self.query_one("#space-duration", Input).value = event.button.id.removeprefix("preset-")
            self.action_next()

    def on_choice_input_changed(self, event: ChoiceInput.Changed) -> None:
        self.show_guidance()

    def typed_name(self) -> str:
        return self.query_one("#space-stimulus", Input).value.strip()

    def read_known(self) -> Callable[[], tuple[str, Stimulus | None]]:
        """The name on the form and its stored pleasure, as a read for here or a worker."""
        name, db = self.typed_name(), self.journal.db
        return lambda: (name, stimuli.find(db, name) if name else None)

    def show_known(self, found: tuple[str, Stimulus | None], *, first_frame: bool = False) -> None:
        """A name typed: its stored kind (or, for a new one, the kind its name plainly is)
        goes on the kind row, then the notice and suggestion follow."""
        from app.domain.lexicon import default_kind

        name, self.known = found
        known = self.known
        kind = known.kind if known else (default_kind(name) if name else None)
        kind_input = self.query_one("#space-kind", ChoiceInput)
        kind_input.label = KNOWN_KIND if known else NEW_KIND  # a known one is not asked about
        kind_input.index = KINDS.index(kind) if kind else None
        kind_input.refresh()
        self.show_guidance(first_frame=first_frame)

    def chosen_kind(self) -> StimulusKind | None:
        index = self.query_one("#space-kind", ChoiceInput).index
        return KINDS[index] if index is not None else None

    def show_guidance(self, *, first_frame: bool = False) -> None:
        """The notice and the suggestion for the name and the kind now on the form, from
        the one rule (`domain.safety.guidance`): changing the kind to a substance takes the
        suggestion away at once, and the care notice comes before any start. The
        suggestion is read off the loop, except for the first frame."""
        from app.domain.safety import guidance
        from app.storage.tables import suggestions
        from app.ui.checkin import space_view

        name = self.typed_name()
        care = guidance(self.chosen_kind(), name) if name else None
        notice = care.notice_with_disclaimer if care else None
        widget = self.query_one("#space-notice", Static)
        widget.update(shown(notice or ""))
        widget.set_class(care is not None and care.care_first, "-warning")
        known, journal = self.known, self.journal
        if care is None or not care.may_suggest_spacing or known is None:
            self.workers.cancel_group(self, "space-suggestion")  # none may land after this
            self.show_suggestion("")
            return
        db, today, tz, hour, kind = (
            journal.db,
            journal.today(),
            journal.zone(),
            journal.day_start_hour,
            care.kind,
        )

        def read() -> str:
            found = suggestions.for_space_step(db, known, today, tz, hour, kind)
            return space_view.suggestion(found)

        if first_frame:
            self.show_suggestion(read())
        else:
            look_up(self, read, self.show_suggestion, group="space-suggestion")

    def show_suggestion(self, text: str) -> None:
        self.query_one("#space-suggestion", Static).update(shown(text))

    def on_data_changed(self, _: DataChanged) -> None:
        db = self.journal.db
        look_up(self, lambda: timers.active(db), self.loaded, group="space-timers")

    def loaded(self, running: list[Timer]) -> None:
        self.running = running
        self.show_running()

    def show_running(self) -> None:
        from app.ui.screens.home_view import timers as timers_view

        self.query_one("#space-running", Static).update(
            timers_view(self.running, self.journal.now())
        )

    def save(self) -> StepWrite | None:
        now, db, kind = self.journal.now(), self.journal.db, self.chosen_kind()
        stimulus_input = self.query_one("#space-stimulus", Input)
        duration_input = self.query_one("#space-duration", Input)
        if not duration_input.value.strip():
            if self.running:
                return None  # a timer runs already: going on needs no new one
            raise FormError(
                "type a duration like 2h or pick a preset — or press ctrl+s to skip",
                duration_input,
            )
        try:
            name = clean_name(stimulus_input.value)
        except StimulusNameError as error:
            raise FormError(str(error), stimulus_input) from None
        try:
            duration = parse_duration(duration_input.value)
        except DurationError as error:
            raise FormError(str(error), duration_input) from None

        def start() -> Timer:
            try:
                return timers.start(db, name, duration, now, kind)
            except timers.AlreadyRunning as error:
                raise FormError(str(error), stimulus_input) from None

        return StepWrite(start, lambda timer: self.kept(timer, duration))

    def kept(self, timer: Timer, duration: dt.timedelta) -> None:
        self.remember(timer.id)
        self.context.stimulus = timer.stimulus_name
        self.teeter.notify(
            f"Timer set: {format_duration(duration)}", title=timer.stimulus_name, markup=False
        )
