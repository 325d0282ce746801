"""Step 1, Notice: in the middle of a pleasure, tell the two signals apart."""

from __future__ import annotations

from textual.app import ComposeResult

from app.domain.checkin import Step
from app.domain.records import Exposure, ExposureDraft, ExposureSource
from app.storage.tables import exposures, stimuli
from app.ui.checkin.base import StepScreen
from app.ui.checkin.step_save import StepWrite
from app.ui.widgets.exposure_form import ExposureForm


class NoticeScreen(StepScreen):
    STEP = Step.NOTICE
    INTRO = (
        "Pick something you are enjoying right now, or did a moment ago. Pause for a breath "
        "in the middle of it and split the feeling in two: how much is liking this moment, "
        "and how much is already wanting more? Just look; there is nothing to fight."
    )

    def compose_step(self) -> ComposeResult:
        names = [s.name for s in stimuli.list_active(self.journal.db)]
        saved_id = self.last_saved()
        saved = exposures.get(self.journal.db, saved_id) if saved_id is not None else None
        yield ExposureForm(
            names,
            stimulus=saved.stimulus_name if saved else self.context.stimulus,
            draft=ExposureDraft.of(saved) if saved else None,
            enjoyment_label="Enjoying this moment",
            craving_label="Wanting more",
        )

    def on_mount(self) -> None:
        self.query_one(ExposureForm).focus_first()

    def save(self) -> StepWrite:
        now, db, replacing = self.journal.now(), self.journal.db, self.last_saved()
        draft = self.query_one(ExposureForm).read(now, self.journal.day_start_hour)
        return StepWrite(
            lambda: exposures.log_draft(db, draft, ExposureSource.NOTICE, now, replacing),
            self.kept,
        )

    def kept(self, exposure: Exposure) -> None:
        self.remember(exposure.id)
        self.context.stimulus = exposure.stimulus_name
