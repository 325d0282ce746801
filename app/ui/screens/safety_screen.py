"""The support notice: shown at most once a month, when the person's own records show
spacing has been very hard. Calm, no alarm, no diagnosis: it says where help can be found."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Static

from app.domain.safety import SUPPORT_INTRO
from app.ui.safe_text import shown_block
from app.ui.widgets.dialog import Dialog, DialogScreen
from app.ui.widgets.footer import Footer


class SupportScreen(DialogScreen[None]):
    BINDINGS = [
        Binding("enter,escape", "close", "Close", id="support-close"),
    ]

    def __init__(self, help_text: str) -> None:
        super().__init__()
        self.help_text = help_text

    def compose(self) -> ComposeResult:
        with Dialog(id="support-dialog"):
            yield Static("A word, gently", classes="step-progress")
            yield Static(SUPPORT_INTRO, id="support-intro")
            yield Static(shown_block(self.help_text), id="support-help")
            yield Static(
                "teeter is not medical advice. This note will not come back for a month.",
                classes="step-intro",
            )
            yield Button("Thank you", variant="primary", id="support-ok")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#support-ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
