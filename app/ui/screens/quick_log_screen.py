"""`n` from home: log one exposure as it happens, both ratings, without a full check-in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from app.domain.records import Exposure, ExposureSource
from app.storage.file.errors import StorageError
from app.storage.tables import corrections, exposures, stimuli
from app.ui.background import attempt, in_background
from app.ui.host import Hosted
from app.ui.leaving import LeavesWhenOnTop
from app.ui.unsaved import GuardsInput
from app.ui.widgets.dialog import DialogScreen
from app.ui.widgets.exposure_form import ExposureForm, FormError
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass

CHANGED_MEANWHILE = (
    "Logged as it was when you pressed enter. You changed it since: enter saves the change "
    "to this entry, escape leaves without it."
)


class QuickLogScreen(LeavesWhenOnTop, GuardsInput, DialogScreen[bool], Hosted):
    BINDINGS = [
        Binding("enter", "save", "Save", id="quick-save"),
        Binding("escape", "cancel", "Cancel", id="quick-cancel"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._saving = False
        self._logged: Exposure | None = None  # saved once, then changed while it waited

    def compose(self) -> ComposeResult:
        names = [s.name for s in stimuli.list_active(self.journal.db)]
        with VerticalScroll(id="quick-dialog"):
            yield Static("Log an entry", classes="step-progress")
            yield ExposureForm(names, stimulus=names[0] if names else "", with_time=True)
            yield Static("enter saves · escape cancels", classes="step-intro")
        yield Footer()  # its keys can be tapped: a phone has no escape key

    def on_mount(self) -> None:
        self.query_one(ExposureForm).focus_first()
        self.call_after_refresh(self.mark_saved)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self._saving:
            return  # the first press is being saved; a second must not log it twice
        form = self.query_one(ExposureForm)
        now = self.journal.now()
        try:
            draft = form.read(now, self.journal.day_start_hour)
        except FormError as error:
            form.show_error(str(error))
            error.field.focus()
            return
        self._saving = True
        db, logged, typed = self.journal.db, self._logged, self.form_values()

        def log() -> Exposure | LookupError | ValueError:
            if logged is None:
                return exposures.log_draft(db, draft, ExposureSource.QUICK, now)
            return attempt(  # the entry just logged, corrected: not a second one
                lambda: corrections.edit_exposure(
                    db,
                    logged.id,
                    stimulus=draft.stimulus,
                    occurred_at=draft.occurred_at,
                    enjoyment=draft.enjoyment,
                    craving=draft.craving,
                    note=draft.note,
                    now=now,
                )
            )()

        in_background(
            self,
            log,
            lambda result: self._saved(result, typed),
            self._failed,
            group="quick-save",
            waiting=form.show_error,
        )

    def _saved(
        self, exposure: Exposure | LookupError | ValueError, typed: dict[str, object]
    ) -> None:
        from app.domain.wording import moment_words

        self._saving = False
        if isinstance(exposure, LookupError | ValueError):  # corrected: gone, or refused
            self.query_one(ExposureForm).show_error(str(exposure))
            return
        self._logged = exposure
        when = moment_words(
            exposure.occurred_at,
            self.journal.now(),
            self.journal.zone(),
            self.journal.day_start_hour,
        )
        self.app.notify(
            f"enjoyment {exposure.enjoyment}, craving {exposure.craving}, at {when}",
            title=f"Logged {exposure.stimulus_name}",
            markup=False,
        )
        self.teeter.data_changed()
        if self.changed_since(typed):
            self.query_one(ExposureForm).show_error(CHANGED_MEANWHILE)
            return
        self.leave_when_on_top(True)  # not over the palette or a question opened meanwhile

    def _failed(self, error: StorageError) -> None:
        self._saving = False
        self.query_one(ExposureForm).show_error(str(error))

    def action_cancel(self) -> None:
        if self._saving:  # the row may still land: say so rather than pretend it was dropped
            self.query_one(ExposureForm).show_error(
                "Still saving: it lands as soon as the journal is free."
            )
            return
        self.leave_or_ask(lambda: self.dismiss(False))
