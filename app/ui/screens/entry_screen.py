"""One exposure, whole: every field (the note with all its lines) ready to change, saved
with ctrl+s, or deleted with ctrl+r (undo with u). Opened from home's "Logged today" and
the log's table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from app.domain.records import Exposure, ExposureDraft
from app.storage.file.errors import StorageError
from app.storage.tables import corrections, stimuli
from app.ui import entries
from app.ui.background import STILL_SAVING, attempt, in_background
from app.ui.host import Hosted
from app.ui.screens import entry_view
from app.ui.unsaved import GuardsInput
from app.ui.widgets.exposure_form import ExposureForm, FormError
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass


class ExposureEntryScreen(GuardsInput, Screen[None], Hosted):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="entry-save", priority=True),
        Binding("ctrl+r", "delete", "Delete", id="entry-delete", priority=True),
        Binding("escape", "back", "Back", id="entry-back"),
        Binding("enter", "save", "Save", show=False),  # the note box keeps enter for lines
    ]

    def __init__(self, exposure: Exposure) -> None:
        super().__init__()
        self.exposure = exposure
        self._saving = False

    def compose(self) -> ComposeResult:
        names = [s.name for s in stimuli.list_active(self.journal.db)]
        zone = self.journal.zone()
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(id="entry-body"):
            yield Static(entry_view.exposure_title(self.exposure, zone), classes="step-progress")
            yield ExposureForm(
                names,
                stimulus=self.exposure.stimulus_name,
                with_time=True,
                when=entry_view.field_time(self.exposure.occurred_at, zone),
                long_note=True,
                draft=ExposureDraft.of(self.exposure),
            )
            yield Static(entry_view.EDIT_KEYS, classes="step-intro")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Entry"
        self.query_one(ExposureForm).focus_ratings()
        self.call_after_refresh(self.mark_saved)  # changes after this are asked about

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return  # the first press is being saved
        form = self.query_one(ExposureForm)
        now = self.journal.now()
        try:
            draft = form.read(now, self.journal.day_start_hour)
        except FormError as error:
            form.show_error(str(error))
            error.field.focus()
            return
        db, exposure_id, typed = self.journal.db, self.exposure.id, self.form_values()
        self._saving = True
        in_background(
            self,
            attempt(
                lambda: corrections.edit_exposure(
                    db,
                    exposure_id,
                    stimulus=draft.stimulus,
                    occurred_at=draft.occurred_at,
                    enjoyment=draft.enjoyment,
                    craving=draft.craving,
                    note=draft.note,
                    now=now,
                )
            ),
            lambda result: self._saved(result, typed),
            self._failed,
            group="entry-save",
            waiting=form.show_error,
        )

    def _saved(self, result: Exposure | LookupError | ValueError, typed: dict[str, object]) -> None:
        self._saving = False
        app = self.teeter
        if isinstance(result, ValueError):  # refused by the domain: stay and say why
            self.query_one(ExposureForm).show_error(str(result))
            return
        app.data_changed()
        if isinstance(result, LookupError):
            app.notify(str(result), severity="warning", markup=False)
        else:
            app.notify(
                f"enjoyment {result.enjoyment}, craving {result.craving}",
                title=f"Saved {result.stimulus_name}",
                markup=False,
            )
            if self.changed_since(typed):  # typed while it waited for the file: kept here
                self.query_one(ExposureForm).show_error(entry_view.CHANGED_MEANWHILE)
                return
        self.dismiss(None)

    def _failed(self, error: StorageError) -> None:
        self._saving = False
        self.query_one(ExposureForm).show_error(str(error))

    def action_delete(self) -> None:
        entries.delete_entry(self.teeter, entries.key(entries.EXPOSURE, self.exposure.id))
        self.dismiss(None)

    def action_back(self) -> None:
        if self._saving:  # the change may still land: say so rather than pretend it was dropped
            self.query_one(ExposureForm).show_error(STILL_SAVING)
            return
        self.leave_or_ask(lambda: self.dismiss(None))
