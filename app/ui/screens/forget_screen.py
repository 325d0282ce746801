"""Delete all my data: a typed confirmation, because this cannot be undone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from app.storage.file.errors import StorageError
from app.ui.host import Hosted
from app.ui.safe_text import shown
from app.ui.widgets.dialog import Dialog, DialogScreen
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine

if TYPE_CHECKING:
    pass

CONFIRM_WORD = "delete"


class ForgetScreen(DialogScreen[bool], Hosted):
    BINDINGS = [Binding("escape", "cancel", "Keep my data", id="forget-cancel")]

    def compose(self) -> ComposeResult:
        with Dialog(id="forget-dialog"):
            yield Static("Delete all my data", classes="step-progress")
            yield Static(shown(self.explanation()))
            yield Static(f"Type {CONFIRM_WORD} and press enter:", classes="field-label")
            yield Input(id="forget-word", compact=True)
            yield MessageLine(id="forget-error", classes="step-error")
        yield Footer()

    def explanation(self) -> str:
        location = self.teeter.location
        removes = (
            "This removes every entry, check-in, timer, reframe, experiment and setting "
            f"from {location.describe()}"
        )
        if location.is_server:
            from app.storage.server.forget import SERVER_LIMITS

            return (
                f"{removes}. It cannot be undone; `teeter export` first if you want a copy. "
                f"Beyond teeter's reach: {SERVER_LIMITS}."
            )
        return (
            f"{removes}, scrubs the leftover bytes from the file and its log, and deletes the "
            "backups teeter made. It cannot be undone; `teeter export` first if you want a copy."
        )

    def on_mount(self) -> None:
        self.query_one("#forget-word", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip().lower() != CONFIRM_WORD:
            self.query_one("#forget-error", MessageLine).say(
                f"Nothing was deleted: type {CONFIRM_WORD} to confirm, or escape to keep it all."
            )
            return
        try:
            message = self.teeter.forget_everything()
        except StorageError as error:
            self.query_one("#forget-error", MessageLine).say(str(error))
            return
        self.teeter.notify(message, title="Deleted", markup=False)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
