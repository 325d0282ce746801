"""One exposure, whole: every field (the note with all its lines) ready to change, saved
with ctrl+s, or deleted with ctrl+r (undo with u). Opened from home's "Logged today" and
the log's table."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from app.domain.records import Exposure
from app.storage import corrections, stimuli
from app.storage.errors import StorageError
from app.ui import entries
from app.ui.screens import entry_view
from app.ui.widgets.exposure_form import ExposureDraft, ExposureForm, FormError

if TYPE_CHECKING:
    from app.ui.app import TeeterApp


class ExposureEntryScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="entry-save", priority=True),
        Binding("ctrl+r", "delete", "Delete", id="entry-delete", priority=True),
        Binding("escape", "back", "Back", id="entry-back"),
        Binding("enter", "save", "Save", show=False),  # the note box keeps enter for lines
    ]

    def __init__(self, exposure: Exposure) -> None:
        super().__init__()
        self.exposure = exposure

    @property
    def teeter(self) -> TeeterApp:
        return cast("TeeterApp", self.app)

    def compose(self) -> ComposeResult:
        app = self.teeter
        assert app.db is not None
        names = [s.name for s in stimuli.list_active(app.db)]
        zone = app.zone()
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
        self.query_one("#enjoyment").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        app = self.teeter
        assert app.db is not None
        form = self.query_one(ExposureForm)
        now = app.now()
        try:
            draft = form.read(now)
            edited = corrections.edit_exposure(
                app.db,
                self.exposure.id,
                stimulus=draft.stimulus,
                occurred_at=draft.occurred_at,
                enjoyment=draft.enjoyment,
                craving=draft.craving,
                note=draft.note,
                now=now,
            )
        except FormError as error:
            form.show_error(str(error))
            error.field.focus()
            return
        except (ValueError, StorageError) as error:
            form.show_error(str(error))
            return
        except corrections.EntryGone as error:
            app.notify(str(error), severity="warning", markup=False)
            app.data_changed()
            self.dismiss(None)
            return
        app.notify(
            f"enjoyment {edited.enjoyment}, craving {edited.craving}",
            title=f"Saved {edited.stimulus_name}",
            markup=False,
        )
        app.data_changed()
        self.dismiss(None)

    def action_delete(self) -> None:
        entries.delete_entry(self.teeter, entries.key(entries.EXPOSURE, self.exposure.id))
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)
