"""Settings for what reaches the person outside teeter's window: the daily check-in
reminder, quiet hours, names hidden on notifications, terminal notifications in the app."""

from __future__ import annotations

from app.domain.reminders import QuietHours, ReminderError, ReminderSettings, parse_clock
from app.storage.file.database import Database
from app.storage.tables import settings

REMINDER_AT = "reminder_at"
QUIET_HOURS = "quiet_hours"
HIDE_NAMES = "notify_hide_names"
TERMINAL_NOTIFY = "terminal_notifications"
ON, OFF = "on", "off"


def reminder(db: Database) -> ReminderSettings:
    """What is stored; a value that cannot be read counts as not set."""
    return ReminderSettings(
        at=_read(settings.get(db, REMINDER_AT), parse_clock),
        quiet=_read(settings.get(db, QUIET_HOURS), QuietHours.parse),
    )


def put_reminder_at(db: Database, text: str | None) -> ReminderSettings:
    """`20:30` sets it, None turns it off. Bad text raises ReminderError, saving nothing."""
    value = None if text is None else parse_clock(text).strftime("%H:%M")
    settings.put_many(db, {REMINDER_AT: value})
    return reminder(db)


def put_quiet_hours(db: Database, text: str | None) -> ReminderSettings:
    value = None if text is None else str(QuietHours.parse(text))
    settings.put_many(db, {QUIET_HOURS: value})
    return reminder(db)


def hide_names(db: Database) -> bool:
    return settings.get(db, HIDE_NAMES) == ON


def terminal_notifications(db: Database) -> bool:
    """On unless turned off: the bell and a terminal notification when a timer ends."""
    return settings.get(db, TERMINAL_NOTIFY) != OFF


def put_flag(db: Database, key: str, on: bool) -> None:
    settings.put(db, key, ON if on else OFF)


def _read(raw: str | None, parse):  # type: ignore[no-untyped-def]
    if raw is None:
        return None
    try:
        return parse(raw)
    except ReminderError:
        return None
