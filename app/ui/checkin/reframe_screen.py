"""Step 4, Reframe: name a craving for what it is — the other side of a pleasure, not an
order — and see what it does. The promise is honest: labelling, and surfing the urge for a
few minutes, change what you do with an urge more than how strong it feels."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from app.domain.checkin import Step
from app.domain.records import Outcome, Reframe
from app.domain.text import StimulusNameError, clean_name
from app.storage.tables import reframes
from app.ui.background import look_up
from app.ui.checkin import reframe_view
from app.ui.checkin.base import StepScreen
from app.ui.checkin.step_save import StepWrite
from app.ui.screens.rating_question import RatingQuestion
from app.ui.widgets.choice import ChoiceInput
from app.ui.widgets.countdown import Countdown
from app.ui.widgets.dialog import Dialog
from app.ui.widgets.exposure_form import FormError
from app.ui.widgets.footer import Footer
from app.ui.widgets.rating import RatingInput

DEFAULT_LABEL = "This craving is the other side of the pleasure, not an order. It usually eases."
OUTCOMES = list(Outcome)


class SurfEndScreen(RatingQuestion):
    """The question an urge-surfing countdown ends with; dismisses with 1-10 or None."""

    MISSING = "press a digit first (0 means 10)"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Dialog(id="surf-dialog"):
            yield Static(self.question, classes="step-progress")
            yield RatingInput("Craving now", id="surf-rating")
            yield Static("", id="surf-error", classes="step-error question-error")
            yield Static("enter saves · escape skips (then it counts as not surfed)")
        yield Footer()


class ReframeScreen(StepScreen):
    STEP = Step.REFRAME
    INTRO = (
        "When a craving shows up, rate it, read the label below (keep it or write your own) "
        "and rate it again. Picture the wanting as the other side of the balance: a picture, "
        "not a measurement of your brain. Naming it rarely makes it vanish; it gives you "
        "room to choose."
    )

    surf_minutes: int | None = None

    def compose_step(self) -> ComposeResult:
        yield Label("Craving for what? (optional)", classes="field-label")
        yield Input(
            value=self.context.stimulus, placeholder="coffee", id="reframe-stimulus", compact=True
        )
        yield Static("", id="reframe-cards")
        yield RatingInput("Craving now", id="reframe-before")
        yield Label("The label — say it to yourself", classes="field-label")
        yield Input(value=DEFAULT_LABEL, id="reframe-label", compact=True)
        yield RatingInput(reframe_view.after_label(None), id="reframe-after")
        yield Static(reframe_view.SURF_HINT, id="reframe-surf-hint")
        yield Countdown(
            "Urge surfing (optional)",
            reframe_view.SURF_MINUTES,
            self.teeter.now,
            default=1,
            id="reframe-surf",
        )
        yield ChoiceInput("What did you do?", [o.label for o in OUTCOMES], id="reframe-outcome")

    def on_mount(self) -> None:
        self.query_one("#reframe-cards").border_title = "From your own numbers"
        self.show_cards(self.read_cards()())  # on the loop: the first frame shows them
        self.query_one("#reframe-label", Input).cursor_position = 0  # show where it begins
        self.query_one("#reframe-before", RatingInput).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "reframe-stimulus":  # as the name is typed: read off the loop
            look_up(self, self.read_cards(), self.show_cards, group="reframe-cards")

    def read_cards(self) -> Callable[[], list[str]]:
        """The cards for the name on the form, as a read for here or a worker."""
        from app.storage.tables.suggestions import reframe_cards

        name = self.query_one("#reframe-stimulus", Input).value
        db, now, hour = self.journal.db, self.journal.now(), self.journal.day_start_hour
        return lambda: reframe_cards(db, name, now, hour)

    def show_cards(self, lines: list[str]) -> None:
        widget = self.query_one("#reframe-cards", Static)
        widget.update(reframe_view.cards_content(lines))
        widget.display = bool(lines)

    # --- urge surfing ---------------------------------------------------------------
    def on_countdown_finished(self, event: Countdown.Finished) -> None:
        self.show_error("")
        self.app.bell()
        self.ask_after(event.minutes, finished=True)

    def on_countdown_stopped(self, event: Countdown.Stopped) -> None:
        self.show_error("")
        minutes = int(event.elapsed.total_seconds() // 60)
        if minutes >= 1:
            self.ask_after(minutes, finished=False)

    def ask_after(self, minutes: int, *, finished: bool) -> None:
        def answered(value: int | None) -> None:
            after = self.query_one("#reframe-after", RatingInput)
            if value is not None:
                after.value = value
                after.label = reframe_view.after_label(minutes)
                after.refresh()
                self.surf_minutes = minutes
            self.query_one("#reframe-outcome", ChoiceInput).focus()

        question = reframe_view.surf_question(minutes, finished)
        self.app.push_screen(SurfEndScreen(question), answered)

    # --- saving ---------------------------------------------------------------------
    def action_back(self) -> None:
        surf = self.query_one(Countdown)
        if surf.running:  # leaving would drop the surf without a word
            self.show_error("The countdown is still running: press space to stop it first.")
            surf.focus()
            return
        super().action_back()

    def save(self) -> StepWrite:
        surf = self.query_one("#reframe-surf", Countdown)
        if surf.running:
            raise FormError("the countdown is still running: let it end, or press space", surf)
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
        add = partial(
            reframes.add,
            self.journal.db,
            occurred_at=self.journal.now(),
            stimulus=stimulus,
            label=label_input.value,
            craving_before=before.value,
            craving_after=self.query_one("#reframe-after", RatingInput).value,
            outcome=OUTCOMES[outcome_index] if outcome_index is not None else None,
            surf_minutes=self.surf_minutes,
            replace_id=self.last_saved(),
        )
        return StepWrite(add, self.kept)

    def kept(self, reframe: Reframe) -> None:
        self.remember(reframe.id)
        self.teeter.check_support()  # every reframe may complete a hard week
