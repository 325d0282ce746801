"""The fields of one exposure: what, when, enjoyment, craving, note. Used by Notice, Track,
quick log and the entry screen. It reads and checks what was typed and hands back an
`ExposureDraft` (`read`); the screen saves it (`storage.exposures.log_draft`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pendulum
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from app.domain.days import DEFAULT_DAY_START_HOUR
from app.domain.moments import MomentError, parse_moment
from app.domain.records import ExposureDraft
from app.domain.text import StimulusNameError, clean_name, clean_note, name_key
from app.ui.safe_text import shown
from app.ui.widgets.kind_choice import KindChoice
from app.ui.widgets.message_line import MessageLine
from app.ui.widgets.rating import RatingInput

if TYPE_CHECKING:
    pass


class FormError(ValueError):
    def __init__(self, message: str, field: Widget) -> None:
        super().__init__(message)
        self.field = field


class ExposureForm(Vertical):
    DEFAULT_CSS = """
    ExposureForm { height: auto; }
    ExposureForm Input { width: 1fr; }
    ExposureForm .field-label { color: $text-muted; padding: 0 1; margin-top: 1; }
    ExposureForm #known { color: $text-muted; padding: 0 1; height: auto; }
    ExposureForm #form-error { color: $error; padding: 0 1; height: auto; }
    ExposureForm RatingInput { margin-top: 1; }
    ExposureForm TextArea { height: auto; max-height: 12; margin: 0 1; background: $boost; }
    """

    def __init__(
        self,
        names: Sequence[str],
        *,
        stimulus: str = "",
        enjoyment_label: str = "Enjoyment",
        craving_label: str = "Craving (wanting more)",
        with_time: bool = False,
        when: str = "now",
        long_note: bool = False,
        draft: ExposureDraft | None = None,
        id: str | None = None,
    ) -> None:
        """`when` is the time field's first text: a draft's own time when it is left as is.
        `long_note` edits the note in a box that shows all of it, line breaks included."""
        super().__init__(id=id)
        self._names = list(names)
        self._stimulus = stimulus
        self._enjoyment_label = enjoyment_label
        self._craving_label = craving_label
        self._with_time = with_time
        self._when = when
        self._long_note = long_note
        self._draft = draft

    def compose(self) -> ComposeResult:
        yield Label("What is it? (pick with → or type a new one)", classes="field-label")
        yield Input(
            value=self._stimulus,
            placeholder="coffee, phone, chocolate…",
            suggester=SuggestFromList(self._names, case_sensitive=False),
            id="stimulus",
            compact=True,
        )
        if self._names:
            yield Static(shown("yours: " + " · ".join(self._names[:8])), id="known")
        if self._with_time:
            # one line on a phone (45 columns); the README lists every form it reads
            yield Label("When? (now, 14:05, 2:05pm, 20m ago)", classes="field-label")
            yield Input(value=self._when, id="when", compact=True)
        draft = self._draft
        yield RatingInput(self._enjoyment_label, draft.enjoyment if draft else None, id="enjoyment")
        yield RatingInput(self._craving_label, draft.craving if draft else None, id="craving")
        yield Label("Note (optional)", classes="field-label")
        if self._long_note:
            yield TextArea(draft.note if draft else "", id="note", soft_wrap=True, compact=True)
        else:
            yield Input(
                value=draft.note if draft else "",
                placeholder="anything worth remembering",
                id="note",
                compact=True,
            )
        yield KindChoice(id="new-kind")  # last, so the fields keep their tab order
        yield MessageLine(id="form-error")

    def on_mount(self) -> None:
        self.ask_kind()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "stimulus":
            self.ask_kind()

    def ask_kind(self) -> None:
        """A name never logged before gets the kind question (`KindChoice`)."""
        name = self.query_one("#stimulus", Input).value.strip()
        known = {name_key(n) for n in self._names}
        self.query_one(KindChoice).ask_for(name if name and name_key(name) not in known else None)

    def focus_first(self) -> None:
        stimulus = self.query_one("#stimulus", Input)
        (self.query_one("#enjoyment", RatingInput) if stimulus.value else stimulus).focus()

    def focus_ratings(self) -> None:
        self.query_one("#enjoyment", RatingInput).focus()

    @property
    def stimulus_name(self) -> str:
        """The name as typed so far (not checked)."""
        return self.query_one("#stimulus", Input).value.strip()

    def is_blank(self) -> bool:
        """Neither rating given and no note typed: nothing to log."""
        ratings = [r.value for r in self.query(RatingInput)]
        return all(value is None for value in ratings) and not self._note_text()

    def _note_text(self) -> str:
        note = self.query_one("#note")  # one line (Input) or several (TextArea)
        if isinstance(note, TextArea):
            return note.text
        return note.value if isinstance(note, Input) else ""

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", MessageLine).say(message)

    def read(
        self, now: pendulum.DateTime, day_start_hour: int = DEFAULT_DAY_START_HOUR
    ) -> ExposureDraft:
        """What the person entered, checked; raises FormError naming the field to fix.
        The day-start hour says which day `yesterday 01:30` or `mon 09:00` means."""
        stimulus_input = self.query_one("#stimulus", Input)
        try:
            stimulus = clean_name(stimulus_input.value)
        except StimulusNameError as error:
            raise FormError(str(error), stimulus_input) from None
        stimulus = next((n for n in self._names if name_key(n) == name_key(stimulus)), stimulus)
        # Without a time field, a form opened on a saved exposure keeps that exposure's
        # time: saving it again corrects the ratings, it does not move the moment.
        occurred_at = self._draft.occurred_at if self._draft else now
        if self._with_time:
            when = self.query_one("#when", Input)
            if self._draft is not None and when.value.strip() == self._when.strip():
                occurred_at = self._draft.occurred_at  # untouched: kept to the second
            else:
                try:
                    occurred_at = pendulum.instance(parse_moment(when.value, now, day_start_hour))
                except MomentError as error:
                    raise FormError(str(error), when) from None
        ratings = []
        for field_id, what in (("enjoyment", "enjoyment"), ("craving", "craving")):
            field = self.query_one(f"#{field_id}", RatingInput)
            if field.value is None:
                raise FormError(f"rate {what} from 1 to 10 (0 means 10)", field)
            ratings.append(field.value)
        note_input = self.query_one("#note")
        typed = self._note_text()
        try:
            note = clean_note(typed)
        except ValueError as error:
            raise FormError(str(error), note_input) from None
        self.show_error("")
        kind = self.query_one(KindChoice).kind
        return ExposureDraft(stimulus, occurred_at, ratings[0], ratings[1], note, kind)

    def clear_ratings(self) -> None:
        for field_id in ("enjoyment", "craving"):
            self.query_one(f"#{field_id}", RatingInput).value = None
        self.query_one("#note", Input).value = ""
        if self._with_time:
            self.query_one("#when", Input).value = "now"
