"""A yes/no question in a modal, for anything that cannot be undone. Cancel has the focus,
so a stray enter never confirms; `y` confirms and `n` or escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Static

from app.ui.widgets.dialog import Dialog, DialogScreen
from app.ui.widgets.footer import Footer


class ConfirmScreen(DialogScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(
        self,
        question: Content | str,
        *,
        title: str = "Are you sure?",
        confirm: str = "Yes",
        cancel: str = "Cancel",
        danger: bool = False,
    ) -> None:
        super().__init__()
        self.question = question
        self.title_text = title
        self.confirm_label = confirm
        self.cancel_label = cancel
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Dialog(id="confirm-dialog"):
            yield Static(self.title_text, classes="step-progress")
            # Text, not markup: a question may hold a name a person typed.
            question = self.question
            yield Static(
                question if isinstance(question, Content) else Content(question),
                id="confirm-question",
            )
            with Horizontal(id="confirm-buttons"):
                yield Button(
                    f"{self.confirm_label} (y)",
                    variant="error" if self.danger else "primary",
                    id="confirm",
                )
                yield Button(f"{self.cancel_label} (n)", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
