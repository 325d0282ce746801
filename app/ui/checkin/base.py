"""What every check-in step shares: the progress line, an intro, and the keys
enter (save and go on), ctrl+s (skip) and escape (back one step).

Saving runs off the event loop (`step_save`): the keys keep working while the file is busy,
the message line says so after a moment, and the step moves on only once its record and its
mark have landed. A second enter meanwhile saves nothing twice and skips nothing."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from app.domain.checkin import CheckInProgress, Step, StepState, progress_line
from app.storage.file.errors import StorageError
from app.ui.background import STILL_SAVING, in_background
from app.ui.checkin.step_save import Finished, StepMark, StepWrite, store_and_mark
from app.ui.host import Hosted
from app.ui.leaving import LeavesWhenOnTop
from app.ui.unsaved import GuardsInput
from app.ui.widgets.exposure_form import FormError
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine


class StepAction(enum.Enum):
    NEXT = "next"
    SKIP = "skip"
    BACK = "back"


@dataclass
class CheckInContext:
    """Carried from step to step: the day the walk is pinned to, how far today's check-in
    is, the pleasure in focus and what each step saved, so going back and saving again
    rewrites the same record instead of adding a second one."""

    day: dt.date
    progress: CheckInProgress = field(default_factory=CheckInProgress)
    stimulus: str = ""
    saved: dict[Step, list[int]] = field(default_factory=dict)


class StepScreen(LeavesWhenOnTop, GuardsInput, Screen[StepAction], Hosted):
    STEP: Step
    INTRO = ""
    CHANGED_MEANWHILE = (
        "Saved as it was when you pressed enter. You changed it since: enter saves the "
        "change too, ctrl+s goes on without it."
    )

    BINDINGS = [
        Binding("enter", "next_in_turn", "Save & next", id="step-next", priority=True),
        Binding("ctrl+s", "skip", "Skip step", id="step-skip"),
        Binding("escape", "back", "Back", id="step-back"),
    ]

    def __init__(self, context: CheckInContext) -> None:
        super().__init__()
        self.context = context
        self.saving = False
        self._stored_unmarked = False  # the record landed, the step's mark did not

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(classes="step-body"):
            yield Static(progress_line(self.STEP), classes="step-progress")
            yield Static(self.INTRO, classes="step-intro")
            yield from self.compose_step()
        # Outside the scrolling body, just above the footer: always in sight at 80×24.
        yield MessageLine(id="step-error", classes="step-error")
        yield Footer()

    def compose_step(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        """Runs after the step's own on_mount: what the fields hold now counts as kept."""
        self.call_after_refresh(self.mark_saved)

    def save(self) -> StepWrite | None:
        """Check what was entered, on the loop; what to store (None: nothing needs storing
        to go on). Raises FormError, naming the field to fix, to stay."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next()

    async def action_next_in_turn(self) -> None:
        """Enter, once the fields have taken the keys typed before it (app/ui/in_turn)."""
        from app.ui.in_turn import keys_landed

        await keys_landed(self.app)
        self.action_next()

    def action_next(self) -> None:
        if isinstance(self.focused, Button):  # enter on a button presses it
            self.focused.press()
            return
        if self.saving:
            return  # the first press is being saved; a second must not save it twice
        write = None
        if not (self._stored_unmarked and not self.has_unsaved_input()):
            try:
                write = self.save()
            except FormError as error:
                self.show_error(str(error))
                error.field.focus()
                return
        self.finish(StepAction.NEXT, write)

    def action_skip(self) -> None:
        if self.saving:
            self.show_error(STILL_SAVING)
            return
        self.finish(StepAction.SKIP, None)

    def action_back(self) -> None:
        if self.saving:  # the row may still land: say so rather than pretend it was dropped
            self.show_error(STILL_SAVING)
            return
        self.leave_or_ask(lambda: self.dismiss(StepAction.BACK))

    def finish(self, action: StepAction, write: StepWrite | None) -> None:
        """Store `write` and record how the step ended, off the loop; go on once both have
        landed. Skipping a step already done leaves it done."""
        state = StepState.DONE if action is StepAction.NEXT else StepState.SKIPPED
        context, journal = self.context, self.journal
        mark = None
        if not (state is StepState.SKIPPED and context.progress.state(self.STEP) is StepState.DONE):
            mark = StepMark(journal.db, context.day, self.STEP, state, journal.now())
        if write is None and mark is None:
            self.dismiss(action)
            return
        self.store(write, mark, lambda finished: self._finished(action, finished))

    def store(
        self, write: StepWrite | None, mark: StepMark | None, then: Callable[[Finished], None]
    ) -> None:
        """Run `store_and_mark` in a worker; `then(finished)` on the loop once it is kept."""
        self.saving = True
        stored = self.form_values()

        def done(finished: Finished) -> None:
            self.saving = False
            if finished.refused is not None:
                self.show_error(str(finished.refused))
                blamed = getattr(finished.refused, "field", None)
                if blamed is not None:
                    blamed.focus()
                return
            if write is not None and finished.record is not None:
                write.kept(finished.record)
                self.mark_saved(stored)
            then(finished)

        in_background(
            self,
            lambda: store_and_mark(write, mark),
            done,
            self._failed,
            group="step-save",
            waiting=self.show_error,
        )

    def _finished(self, action: StepAction, finished: Finished) -> None:
        if finished.unmarked is not None:
            self._stored_unmarked = True
            self.show_error(f"Saved, but the step is not marked yet: {finished.unmarked}")
            return
        if finished.progress is not None:
            self.context.progress = finished.progress
        if finished.record is not None and self.has_unsaved_input():
            self.show_error(self.CHANGED_MEANWHILE)  # typed while it saved: never dropped
            return
        self.leave_when_on_top(action)

    def _failed(self, error: StorageError) -> None:
        self.saving = False
        self.show_error(str(error))

    def show_error(self, message: str) -> None:
        self.query_one("#step-error", MessageLine).say(message)

    def remember(self, record_id: int) -> None:
        ids = self.context.saved.setdefault(self.STEP, [])
        if record_id not in ids:
            ids.append(record_id)

    def last_saved(self) -> int | None:
        ids = self.context.saved.get(self.STEP)
        return ids[-1] if ids else None
