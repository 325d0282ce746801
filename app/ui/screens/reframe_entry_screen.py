"""One reframe, whole: the craving it was about, its time, the label, the craving before and
after, and what the person did. Saved with ctrl+s, deleted with ctrl+r (undo with u)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Static

from app.domain.moments import MomentError, parse_moment
from app.domain.records import Outcome, Reframe
from app.storage.file.errors import StorageError
from app.storage.tables import corrections
from app.ui import entries
from app.ui.background import STILL_SAVING, attempt, in_background
from app.ui.host import Hosted
from app.ui.safe_text import shown
from app.ui.screens import entry_view
from app.ui.unsaved import GuardsInput
from app.ui.widgets.choice import ChoiceInput
from app.ui.widgets.footer import Footer
from app.ui.widgets.rating import RatingInput

if TYPE_CHECKING:
    pass

OUTCOMES = list(Outcome)


class ReframeEntryScreen(GuardsInput, Screen[None], Hosted):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="reframe-entry-save", priority=True),
        Binding("ctrl+r", "delete", "Delete", id="reframe-entry-delete", priority=True),
        Binding("escape", "back", "Back", id="reframe-entry-back"),
        Binding("enter", "save", "Save", show=False),
    ]

    def __init__(self, reframe: Reframe, stimulus: str | None) -> None:
        super().__init__()
        self.reframe = reframe
        self.stimulus = stimulus
        self._saving = False

    def compose(self) -> ComposeResult:
        reframe, zone = self.reframe, self.journal.zone()
        self.first_when = entry_view.field_time(reframe.occurred_at, zone)
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(id="entry-body"):
            yield Static(
                entry_view.reframe_title(reframe, self.stimulus, zone), classes="step-progress"
            )
            yield Label("Craving for what? (optional)", classes="field-label")
            yield Input(value=self.stimulus or "", id="reframe-stimulus", compact=True)
            yield Label("When? (14:05, yesterday 22:10, 2026-11-24 14:05)", classes="field-label")
            yield Input(value=self.first_when, id="reframe-when", compact=True)
            yield Label("The label", classes="field-label")
            yield Input(value=reframe.label, id="reframe-label", compact=True)
            yield RatingInput("Craving before", reframe.craving_before, id="reframe-before")
            yield RatingInput("Craving after", reframe.craving_after, id="reframe-after")
            outcome = ChoiceInput("What did you do?", [o.label for o in OUTCOMES], id="outcome")
            outcome.set_reactive(
                ChoiceInput.index, OUTCOMES.index(reframe.outcome) if reframe.outcome else None
            )
            yield outcome
            yield Static("", id="form-error")
            yield Static(entry_view.EDIT_KEYS, classes="step-intro")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Entry"
        self.query_one("#reframe-before").focus()
        self.call_after_refresh(self.mark_saved)  # changes after this are asked about

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def show_error(self, message: str) -> None:
        self.query_one("#form-error", Static).update(shown(message))

    def action_save(self) -> None:
        now = self.journal.now()
        when_input = self.query_one("#reframe-when", Input)
        try:
            occurred_at = (
                self.reframe.occurred_at
                if when_input.value.strip() == self.first_when
                else parse_moment(when_input.value, now, self.journal.day_start_hour)
            )
        except MomentError as error:
            self.show_error(str(error))
            when_input.focus()
            return
        before = self.query_one("#reframe-before", RatingInput).value
        outcome = self.query_one("#outcome", ChoiceInput).index
        db, reframe_id = self.journal.db, self.reframe.id
        stimulus = self.query_one("#reframe-stimulus", Input).value
        label = self.query_one("#reframe-label", Input).value
        after = self.query_one("#reframe-after", RatingInput).value
        if self._saving:
            return
        self._saving = True
        typed = self.form_values()
        in_background(
            self,
            attempt(
                lambda: corrections.edit_reframe(
                    db,
                    reframe_id,
                    stimulus=stimulus,
                    occurred_at=occurred_at,
                    label=label,
                    craving_before=before if before is not None else 0,
                    craving_after=after,
                    outcome=OUTCOMES[outcome] if outcome is not None else None,
                    now=now,
                )
            ),
            lambda result: self._saved(result, typed),
            self._failed,
            group="reframe-entry-save",
            waiting=self.show_error,
        )

    def _saved(self, result: Reframe | LookupError | ValueError, typed: dict[str, object]) -> None:
        self._saving = False
        app = self.teeter
        if isinstance(result, ValueError):
            self.show_error(str(result))
            return
        app.data_changed()
        if isinstance(result, LookupError):
            app.notify(str(result), severity="warning", markup=False)
        else:
            app.notify("Saved.", title="Reframe", markup=False)
            if self.changed_since(typed):  # typed while it waited for the file: kept here
                self.show_error(entry_view.CHANGED_MEANWHILE)
                return
        self.dismiss(None)

    def _failed(self, error: StorageError) -> None:
        self._saving = False
        self.show_error(str(error))

    def action_delete(self) -> None:
        entries.delete_entry(self.teeter, entries.key(entries.REFRAME, self.reframe.id))
        self.dismiss(None)

    def action_back(self) -> None:
        if self._saving:  # the change may still land: say so rather than pretend it was dropped
            self.show_error(STILL_SAVING)
            return
        self.leave_or_ask(lambda: self.dismiss(None))
