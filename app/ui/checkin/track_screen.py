"""Step 2, Track: log exposures with both ratings and see today's run for that pleasure."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from app.domain.checkin import Step
from app.domain.records import Exposure, ExposureSource
from app.storage.tables import exposures, stimuli
from app.ui.background import look_up
from app.ui.checkin.base import StepScreen
from app.ui.checkin.step_save import StepWrite
from app.ui.safe_text import shown
from app.ui.widgets.exposure_form import ExposureForm, FormError


class TrackScreen(StepScreen):
    STEP = Step.TRACK
    INTRO = (
        "Log each time you had one of your go-to pleasures today, with enjoyment and craving "
        "rated apart. Over a few days the two lines tell you whether repeats still pay off."
    )
    BINDINGS = [Binding("ctrl+n", "another", "Save & log another", id="track-another")]
    CHANGED_MEANWHILE = (
        "Saved as it was when you pressed enter. You changed it since: enter logs that as "
        "another entry, ctrl+s goes on without it."
    )

    def compose_step(self) -> ComposeResult:
        names = [s.name for s in stimuli.list_active(self.journal.db)]
        yield ExposureForm(names, stimulus=self.context.stimulus, with_time=True)
        yield Static("", id="track-trend")
        yield DataTable(id="track-today", cursor_type="none", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#track-today", DataTable)
        table.add_columns("time", "stimulus", "enjoyment", "craving", "note")
        self.query_one(ExposureForm).focus_first()
        self.show_today(self.read_today()())  # on the loop: the first frame shows them

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "stimulus":  # as the name is typed: read off the loop
            look_up(self, self.read_today(), self.show_today, group="track-today")

    def save(self) -> StepWrite | None:
        form = self.query_one(ExposureForm)
        if form.is_blank():
            if self.context.saved.get(Step.TRACK):
                return None  # logged some already: moving on needs no new entry
            raise FormError(
                "Nothing new to log? Press ctrl+s to skip this step.",
                form.query_one("#enjoyment"),
            )
        return self._log()

    def action_another(self) -> None:
        if self.saving:
            return  # the first press is being saved; a second must not log it twice
        try:
            write = self._log()
        except FormError as error:
            self.show_error(str(error))
            error.field.focus()
            return
        self.store(write, None, self._another)

    def _another(self, _: object) -> None:
        if self.has_unsaved_input():  # typed while it saved: kept on the form, not cleared
            self.show_error(
                "Saved as it was when you pressed ctrl+n; what you typed since is still here."
            )
            return
        form = self.query_one(ExposureForm)
        form.clear_ratings()
        form.focus_first()
        self.mark_saved()
        self.show_error("Saved. Log the next one, or press enter on an empty form to go on.")

    def _log(self) -> StepWrite:
        now, db = self.journal.now(), self.journal.db
        draft = self.query_one(ExposureForm).read(now, self.journal.day_start_hour)
        return StepWrite(
            lambda: exposures.log_draft(db, draft, ExposureSource.TRACK, now), self.kept
        )

    def kept(self, exposure: Exposure) -> None:
        self.remember(exposure.id)
        self.context.stimulus = exposure.stimulus_name
        look_up(self, self.read_today(), self.show_today, group="track-today")

    def read_today(self) -> Callable[[], list[Exposure] | None]:
        """Today's entries for the name on the form (None: no such pleasure yet), as a read
        to run here or in a worker: the name and the day are taken now."""
        name = self.query_one(ExposureForm).stimulus_name
        db, day, tz = self.journal.db, self.journal.today(), self.journal.zone()
        hour = self.journal.day_start_hour

        def read() -> list[Exposure] | None:
            found = stimuli.find(db, name) if name else None
            return exposures.on_days(db, day, day, tz, hour, found.id) if found else None

        return read

    def show_today(self, today: list[Exposure] | None) -> None:
        from app.ui.checkin import track_view

        tz = self.journal.zone()
        table = self.query_one("#track-today", DataTable)
        table.clear()
        for exposure in today or []:
            table.add_row(*track_view.row(exposure, tz))
        trend = (
            track_view.trend(today, tz, self.journal.day_start_hour) if today is not None else ""
        )
        self.query_one("#track-trend", Static).update(shown(trend))
