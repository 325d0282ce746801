"""The "Start a timer" card of the Timers screen: what, for how long (typed, a preset, or
the person's own suggested gap), and the safety notice for what is typed. It reads and checks
the fields; the screen decides what to save."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Static

from app.domain.durations import PRESETS, DurationError, format_duration, parse_duration
from app.domain.records import Stimulus, StimulusKind
from app.domain.safety import Guidance, guidance
from app.domain.text import StimulusNameError, clean_name
from app.storage.tables import stimuli, suggestions
from app.ui.background import look_up
from app.ui.host import Hosted
from app.ui.safe_text import shown
from app.ui.widgets.choice import ChoiceInput
from app.ui.widgets.exposure_form import FormError
from app.ui.widgets.kind_choice import KindChoice
from app.ui.widgets.message_line import MessageLine

if TYPE_CHECKING:
    from app.domain.spacing import Suggestion

Known = tuple[str, Stimulus | None, "Suggestion | None"]
"""A name as typed, its stored pleasure, and the person's own suggested gap for it."""


class StartTimerForm(Vertical, Hosted):
    class Submitted(Message):
        """Start was asked for, with this duration text (typed, a preset or suggested)."""

        def __init__(self, duration: str) -> None:
            super().__init__()
            self.duration = duration

    def __init__(self, names: list[str], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="timers-card")
        self.names = names
        self.suggested: Suggestion | None = None
        self.care: Guidance | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="timers-fields"):
            yield Input(
                placeholder="what (coffee…)",
                suggester=SuggestFromList(self.names, case_sensitive=False),
                id="timers-stimulus",
                compact=True,
            )
            yield Input(placeholder="e.g. 2h30m", id="timers-duration", compact=True)
            for preset in PRESETS:
                yield Button(preset, id=f"timers-preset-{preset}", compact=True)
        yield KindChoice(id="timers-kind")
        with Horizontal(id="timers-suggested"):
            yield Static("", id="timers-suggestion")
            yield Button("use it", id="timers-use-suggestion", compact=True)
        yield Static("", id="timers-notice")
        yield MessageLine(id="timers-error", classes="step-error")

    def on_mount(self) -> None:
        self.border_title = "Start a timer"
        self.border_subtitle = "enter starts · → completes a name"
        self.show_stimulus(self.read_stimulus()())  # on the loop: the first frame shows it
        self.show_error("")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "timers-stimulus":  # as the name is typed: read off the loop
            look_up(self, self.read_stimulus(), self.show_stimulus, group="timers-known")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self.query_one("#timers-duration", Input).value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id.startswith("timers-preset-"):
            self.post_message(self.Submitted(button_id.removeprefix("timers-preset-")))
        elif button_id == "timers-use-suggestion" and self.suggested is not None:
            self.post_message(self.Submitted(format_duration(self.suggested.interval)))

    def read_stimulus(self) -> Callable[[], Known]:
        """The name on the form, its stored pleasure and the person's suggested gap for it
        (never one for a substance), as a read for here or a worker."""
        name = self.query_one("#timers-stimulus", Input).value.strip()
        journal = self.journal
        db, today, tz, hour = journal.db, journal.today(), journal.zone(), journal.day_start_hour

        def read() -> Known:
            known = stimuli.find(db, name) if name else None
            if known is None or not guidance(known.kind, name).may_suggest_spacing:
                return name, known, None
            return name, known, suggestions.spacing(db, known, today, tz, hour)

        return read

    def show_stimulus(self, found: Known) -> None:
        """The safety notice for the kind of what is typed, and the person's suggestion."""
        name, known, suggested = found
        asking = self.query_one(KindChoice)
        asking.ask_for(name if name and known is None else None)
        self.show_care(name, known.kind if known else asking.kind)
        self.suggested = suggested
        text = self.suggested.sentence if self.suggested else ""
        self.query_one("#timers-suggestion", Static).update(shown(text))
        self.query_one("#timers-suggested").display = self.suggested is not None
        if self.suggested is not None:
            label = f"use {format_duration(self.suggested.interval)}"
            self.query_one("#timers-use-suggestion", Button).label = label

    def on_choice_input_changed(self, _: ChoiceInput.Changed) -> None:
        name = self.query_one("#timers-stimulus", Input).value.strip()
        self.show_care(name, self.query_one(KindChoice).kind)

    @property
    def new_kind(self) -> StimulusKind | None:
        """The kind chosen for a name never used before (None for a known one)."""
        return self.query_one(KindChoice).kind

    def show_care(self, name: str, kind: StimulusKind | None) -> None:
        """The notice from the one rule, for the name and kind now on the form."""
        care = guidance(kind, name) if name else None
        notice = care.notice_with_disclaimer if care else None
        widget = self.query_one("#timers-notice", Static)
        widget.update(shown(notice or ""))
        widget.display = notice is not None
        widget.set_class(care is not None and care.care_first, "-warning")
        self.care = care

    def read(self, typed: str) -> tuple[str, dt.timedelta]:
        """The name and duration, checked; raises FormError naming the field to fix."""
        stimulus_input = self.query_one("#timers-stimulus", Input)
        duration_input = self.query_one("#timers-duration", Input)
        try:
            name = clean_name(stimulus_input.value)
        except StimulusNameError as error:
            raise FormError(str(error), stimulus_input) from None
        if not typed.strip():
            raise FormError("type how long, like 90m or 2h30m, or pick a preset", duration_input)
        try:
            return name, parse_duration(typed)
        except DurationError as error:
            raise FormError(str(error), duration_input) from None

    def started(self) -> None:
        self.show_error("")
        self.query_one("#timers-duration", Input).value = ""

    def refuse(self, message: str, field_id: str = "#timers-stimulus") -> None:
        self.show_error(message)
        self.query_one(field_id).focus()

    def show_error(self, message: str) -> None:
        self.query_one("#timers-error", MessageLine).say(message)
