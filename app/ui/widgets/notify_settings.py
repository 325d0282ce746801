"""The notifications part of the settings screen: a terminal notification when a timer
ends, names hidden on notifications (both apply at once), and the daily check-in reminder
with its quiet hours (saved with the rest of the form, only when both can be read)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, Static

from app.domain.reminders import QuietHours, parse_clock
from app.storage.file.database import Database
from app.storage.file.errors import StorageError
from app.storage.tables import notify_settings
from app.ui.background import in_background


class NotificationSettings(Vertical):
    DEFAULT_CSS = """
    NotificationSettings { height: auto; }
    NotificationSettings Input { width: 16; }
    NotificationSettings Checkbox { border: none; padding: 0; }
    """

    def __init__(self, db: Database, *, say: Callable[[str], None]) -> None:
        super().__init__(id="settings-notify")
        self.db = db
        self.say = say  # the settings screen's message line: waiting, or why not saved
        self._writing: set[str] = set()

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
        self.keep(event.checkbox)

    def keep(self, box: Checkbox) -> None:
        """Write the switch's value off the loop (the file may be busy). One write per
        switch at a time: flipped again meanwhile, it is written again once the first
        lands, so the file always ends with what the switch shows."""
        box_id = box.id or ""
        if box_id in self._writing:
            return
        key = {
            "settings-terminal-notify": notify_settings.TERMINAL_NOTIFY,
            "settings-hide-names": notify_settings.HIDE_NAMES,
        }[box_id]
        db, on = self.db, box.value
        self._writing.add(box_id)

        def done(_: None) -> None:
            self._writing.discard(box_id)
            self.say("")
            if box.value != on:
                self.keep(box)

        def failed(error: StorageError) -> None:
            self._writing.discard(box_id)
            self.say(str(error))

        in_background(
            self,
            lambda: notify_settings.put_flag(db, key, on),
            done,
            failed,
            group=f"keep-{box_id}",
            waiting=self.say,
        )

    def values(self) -> dict[str, str | None]:
        """The reminder settings as typed, ready to save; ValueError when one cannot be
        read (nothing is saved then)."""
        at = self.query_one("#settings-reminder", Input).value.strip()
        quiet = self.query_one("#settings-quiet", Input).value.strip()
        return {
            notify_settings.REMINDER_AT: parse_clock(at).strftime("%H:%M") if at else None,
            notify_settings.QUIET_HOURS: str(QuietHours.parse(quiet)) if quiet else None,
        }
