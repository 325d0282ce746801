"""Offered at launch when today's check-in was left half-way. `l` means what it means on
home (the log), after putting the check-in off; escape is "later"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from app.domain.checkin import STEPS, CheckInProgress, StepState
from app.ui.widgets.dialog import Dialog, DialogScreen
from app.ui.widgets.footer import Footer


class ResumeScreen(DialogScreen[bool]):
    BINDINGS = [
        Binding("enter,r", "resume", "Resume", id="resume-yes"),
        Binding("escape", "later", "Later", id="resume-later"),
        Binding("l", "later_to_log", "Log", id="resume-log"),
    ]

    def __init__(self, progress: CheckInProgress) -> None:
        super().__init__()
        self.progress = progress

    def compose(self) -> ComposeResult:
        finished = [s.title for s in STEPS if self.progress.state(s) is not StepState.PENDING]
        step = self.progress.resume_step()
        with Dialog(id="resume-dialog"):
            yield Static("Pick up today's check-in?", classes="step-progress")
            yield Static(
                f"You got through {', '.join(finished)}. "
                f"Next is {step.title if step else 'the summary'}; everything so far is saved."
            )
            with Horizontal(id="resume-buttons"):
                yield Button("Resume", variant="primary", id="resume")
                yield Button("Later", id="later")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "resume")

    def action_resume(self) -> None:
        self.dismiss(True)

    def action_later(self) -> None:
        self.dismiss(False)

    def action_later_to_log(self) -> None:
        app = self.app
        self.dismiss(False)
        app.call_later(app.run_action, "app.open_log")
