"""What every check-in step shares: the progress line, an intro, and the keys
enter (save and go on), ctrl+s (skip) and escape (back one step)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from app.domain.checkin import Step, progress_line
from app.storage.file.errors import StorageError
from app.ui.host import Hosted
from app.ui.unsaved import GuardsInput
from app.ui.widgets.exposure_form import FormError
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine

if TYPE_CHECKING:
    pass


class StepAction(enum.Enum):
    NEXT = "next"
    SKIP = "skip"
    BACK = "back"


@dataclass
class CheckInContext:
    """Carried from step to step: the pleasure in focus and what each step saved, so going
    back and saving again rewrites the same record instead of adding a second one."""

    stimulus: str = ""
    saved: dict[Step, list[int]] = field(default_factory=dict)


class StepScreen(GuardsInput, Screen[StepAction], Hosted):
    STEP: Step
    INTRO = ""

    BINDINGS = [
        Binding("enter", "next", "Save & next", id="step-next", priority=True),
        Binding("ctrl+s", "skip", "Skip step", id="step-skip"),
        Binding("escape", "back", "Back", id="step-back"),
    ]

    def __init__(self, context: CheckInContext) -> None:
        super().__init__()
        self.context = context

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

    def save(self) -> bool:
        """Check and store what was entered; False (with the error shown) to stay."""
        raise NotImplementedError

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next()

    def action_next(self) -> None:
        if isinstance(self.focused, Button):  # enter on a button presses it
            self.focused.press()
            return
        if self.attempt(self.save):
            self.dismiss(StepAction.NEXT)

    def attempt(self, work: Callable[[], object]) -> bool:
        """Run a save; show what is wrong and return False instead of raising."""
        try:
            return work() is not False
        except FormError as error:
            self.show_error(str(error))
            error.field.focus()
        except StorageError as error:
            self.show_error(str(error))
        return False

    def action_skip(self) -> None:
        self.dismiss(StepAction.SKIP)

    def action_back(self) -> None:
        self.leave_or_ask(lambda: self.dismiss(StepAction.BACK))

    def show_error(self, message: str) -> None:
        self.query_one("#step-error", MessageLine).say(message)

    def remember(self, record_id: int) -> None:
        ids = self.context.saved.setdefault(self.STEP, [])
        if record_id not in ids:
            ids.append(record_id)

    def last_saved(self) -> int | None:
        ids = self.context.saved.get(self.STEP)
        return ids[-1] if ids else None
