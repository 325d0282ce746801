"""Step 2, Track: log exposures with both ratings and see today's run for that pleasure."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from app.domain.checkin import Step
from app.domain.records import Exposure, ExposureSource
from app.storage.tables import exposures, stimuli
from app.ui.checkin.base import StepScreen
from app.ui.safe_text import shown
from app.ui.widgets.exposure_form import ExposureForm


class TrackScreen(StepScreen):
    STEP = Step.TRACK
    INTRO = (
        "Log each time you had one of your go-to pleasures today, with enjoyment and craving "
        "rated apart. Over a few days the two lines tell you whether repeats still pay off."
    )
    BINDINGS = [Binding("ctrl+n", "another", "Save & log another", id="track-another")]

    def compose_step(self) -> ComposeResult:
        names = [s.name for s in stimuli.list_active(self.journal.db)]
        yield ExposureForm(names, stimulus=self.context.stimulus, with_time=True)
        yield Static("", id="track-trend")
        yield DataTable(id="track-today", cursor_type="none", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one("#track-today", DataTable)
        table.add_columns("time", "stimulus", "enjoyment", "craving", "note")
        self.query_one(ExposureForm).focus_first()
        self.show_today()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "stimulus":
            self.show_today()

    def save(self) -> bool:
        if self.query_one(ExposureForm).is_blank():
            if self.context.saved.get(Step.TRACK):
                return True  # logged some already: moving on needs no new entry
            self.show_error("Nothing new to log? Press ctrl+s to skip this step.")
            self.query_one(ExposureForm).focus_ratings()
            return False
        self._log()
        return True

    def action_another(self) -> None:
        if not self.attempt(self._log):
            return
        form = self.query_one(ExposureForm)
        form.clear_ratings()
        form.focus_first()
        self.mark_saved()
        self.show_error("Saved. Log the next one, or press enter on an empty form to go on.")

    def _log(self) -> Exposure:
        now = self.journal.now()
        draft = self.query_one(ExposureForm).read(now, self.journal.day_start_hour)
        exposure = exposures.log_draft(self.journal.db, draft, ExposureSource.TRACK, now)
        self.remember(exposure.id)
        self.context.stimulus = exposure.stimulus_name
        self.show_today()
        return exposure

    def show_today(self) -> None:
        from app.ui.checkin import track_view

        name = self.query_one(ExposureForm).stimulus_name
        found = stimuli.find(self.journal.db, name) if name else None
        tz, day = self.journal.zone(), self.journal.today()
        hour = self.journal.day_start_hour
        today = exposures.on_days(self.journal.db, day, day, tz, hour, found.id) if found else []
        table = self.query_one("#track-today", DataTable)
        table.clear()
        for exposure in today:
            table.add_row(*track_view.row(exposure, tz))
        self.query_one("#track-trend", Static).update(
            shown(track_view.trend(today, tz, self.journal.day_start_hour) if found else "")
        )
