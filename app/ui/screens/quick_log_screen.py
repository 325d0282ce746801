"""`n` from home: log one exposure as it happens, both ratings, without a full check-in."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from app.domain.records import ExposureSource
from app.storage import stimuli
from app.storage.errors import StorageError
from app.ui.widgets.exposure_form import ExposureForm, FormError

if TYPE_CHECKING:
    from app.ui.app import TeeterApp


class QuickLogScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("enter", "save", "Save", id="quick-save"),
        Binding("escape", "cancel", "Cancel", id="quick-cancel"),
    ]

    @property
    def teeter(self) -> TeeterApp:
        return cast("TeeterApp", self.app)

    def compose(self) -> ComposeResult:
        assert self.teeter.db is not None
        names = [s.name for s in stimuli.list_active(self.teeter.db)]
        with VerticalScroll(id="quick-dialog"):
            yield Static("Log an exposure", classes="step-progress")
            yield ExposureForm(names, stimulus=names[0] if names else "", with_time=True)
            yield Static("enter saves · escape cancels", classes="step-intro")

    def on_mount(self) -> None:
        self.query_one(ExposureForm).focus_first()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        app = self.teeter
        assert app.db is not None
        form = self.query_one(ExposureForm)
        try:
            exposure = form.save(app.db, app.now(), ExposureSource.QUICK)
        except FormError as error:
            form.show_error(str(error))
            error.field.focus()
            return
        except StorageError as error:
            form.show_error(str(error))
            return
        app.notify(
            f"enjoyment {exposure.enjoyment}, craving {exposure.craving}",
            title=f"Logged {exposure.stimulus_name}",
            markup=False,
        )
        app.data_changed()
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
