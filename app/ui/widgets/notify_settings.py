"""The notifications part of the settings screen: a terminal notification when a timer
ends, names hidden on notifications (both apply at once), and the daily check-in reminder
with its quiet hours (saved with the rest of the form, only when both can be read)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Static

from app.domain.reminders import QuietHours, parse_clock
from app.storage.file.database import Database
from app.storage.file.errors import StorageError
from app.storage.tables import notify_settings


class NotificationSettings(Vertical):
    DEFAULT_CSS = """
    NotificationSettings { height: auto; }
    NotificationSettings Input { width: 16; }
    NotificationSettings Checkbox { border: none; padding: 0; }
    """

    def __init__(self, db: Database) -> None:
        super().__init__(id="settings-notify")
        self.db = db

    def compose(self) -> ComposeResult:
        reminder = notify_settings.reminder(self.db)
        yield Static("Notifications", classes="field-label")
        yield Checkbox(
            "Terminal notification when a timer ends, besides the bell",
            notify_settings.terminal_notifications(self.db),
            id="settings-terminal-notify",
            compact=True,
        )
        yield Checkbox(
            "Hide names on notifications (they can show on a lock screen)",
            notify_settings.hide_names(self.db),
            id="settings-hide-names",
            compact=True,
        )
        yield Static(
            "Check-in reminder, sent by teeter watch when today's check-in is not done "
            "(HH:MM; empty: none)",
            classes="field-label",
        )
        at = f"{reminder.at:%H:%M}" if reminder.at else ""
        yield Input(at, placeholder="e.g. 20:30", id="settings-reminder", compact=True)
        yield Static(
            "Quiet hours, no reminder then (HH:MM-HH:MM; empty: none)", classes="field-label"
        )
        quiet = str(reminder.quiet) if reminder.quiet else ""
        yield Input(quiet, placeholder="e.g. 22:00-07:00", id="settings-quiet", compact=True)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        key = {
            "settings-terminal-notify": notify_settings.TERMINAL_NOTIFY,
            "settings-hide-names": notify_settings.HIDE_NAMES,
        }[event.checkbox.id or ""]
        try:
            notify_settings.put_flag(self.db, key, event.value)
        except StorageError as error:
            self.app.notify(str(error), severity="error", markup=False)

    def values(self) -> dict[str, str | None]:
        """The reminder settings as typed, ready to save; ValueError when one cannot be
        read (nothing is saved then)."""
        at = self.query_one("#settings-reminder", Input).value.strip()
        quiet = self.query_one("#settings-quiet", Input).value.strip()
        return {
            notify_settings.REMINDER_AT: parse_clock(at).strftime("%H:%M") if at else None,
            notify_settings.QUIET_HOURS: str(QuietHours.parse(quiet)) if quiet else None,
        }
