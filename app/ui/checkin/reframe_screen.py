"""Step 4, Reframe: name a craving for what it is — the other side of a pleasure, not an
order — and see what it does. The promise is honest: labelling changes what you do with an
urge more than how strong it feels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label

from app.domain.checkin import Step
from app.domain.records import Outcome
from app.domain.text import StimulusNameError, clean_name
from app.storage import reframes
from app.ui.checkin.base import StepScreen
from app.ui.widgets.choice import ChoiceInput
from app.ui.widgets.exposure_form import FormError
from app.ui.widgets.rating import RatingInput

DEFAULT_LABEL = "This wanting is the other side of the pleasure, not an order. It will pass."
OUTCOMES = list(Outcome)


class ReframeScreen(StepScreen):
    STEP = Step.REFRAME
    INTRO = (
        "When a craving shows up, rate it, then read the label below (keep it or write your "
        "own) and rate it again. A craving is information about the last exposure, not a "
        "need. Naming it will not always shrink it; it gives you room to choose."
    )

    def compose_step(self) -> ComposeResult:
        yield Label("Craving for what? (optional)", classes="field-label")
        yield Input(
            value=self.context.stimulus, placeholder="coffee", id="reframe-stimulus", compact=True
        )
        yield RatingInput("Craving now", id="reframe-before")
        yield Label("The label — say it to yourself", classes="field-label")
        yield Input(value=DEFAULT_LABEL, id="reframe-label", compact=True)
        yield RatingInput("Craving after labelling", id="reframe-after")
        yield ChoiceInput("What did you do?", [o.label for o in OUTCOMES], id="reframe-outcome")

    def on_mount(self) -> None:
        self.query_one("#reframe-before", RatingInput).focus()

    def save(self) -> bool:
        app = self.teeter
        assert app.db is not None
        stimulus_input = self.query_one("#reframe-stimulus", Input)
        stimulus = None
        if stimulus_input.value.strip():
            try:
                stimulus = clean_name(stimulus_input.value)
            except StimulusNameError as error:
                raise FormError(str(error), stimulus_input) from None
        before = self.query_one("#reframe-before", RatingInput)
        if before.value is None:
            raise FormError("rate the craving from 1 to 10 first (0 means 10)", before)
        label_input = self.query_one("#reframe-label", Input)
        if not label_input.value.strip():
            raise FormError("write a short label, or keep teeter's", label_input)
        outcome_index = self.query_one("#reframe-outcome", ChoiceInput).index
        reframe = reframes.add(
            app.db,
            occurred_at=app.now(),
            stimulus=stimulus,
            label=label_input.value,
            craving_before=before.value,
            craving_after=self.query_one("#reframe-after", RatingInput).value,
            outcome=OUTCOMES[outcome_index] if outcome_index is not None else None,
            replace_id=self.last_saved(),
        )
        self.remember(reframe.id)
        return True
