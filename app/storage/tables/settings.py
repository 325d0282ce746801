"""Settings as text key/value pairs, read with a default."""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.days import DEFAULT_DAY_START_HOUR, check_day_start_hour
from app.domain.safety import DEFAULT_HELP_TEXT
from app.domain.text import clean_note, strip_controls
from app.storage.file.database import Database
from app.storage.tables.models import SettingRow

DAY_START_HOUR = "day_start_hour"
THEME = "theme"


def get(db: Database, key: str, default: str | None = None) -> str | None:
    with db.read() as session:
        row = session.get(SettingRow, key)
        return strip_controls(row.value) if row else default


def put(db: Database, key: str, value: str) -> None:
    with db.write() as session:
        row = session.get(SettingRow, key) or SettingRow(key=key, value=value)
        row.value = value
        session.add(row)


def day_start_hour(db: Database) -> int:
    raw = get(db, DAY_START_HOUR)
    try:
        return check_day_start_hour(int(raw)) if raw is not None else DEFAULT_DAY_START_HOUR
    except ValueError:
        return DEFAULT_DAY_START_HOUR


# --- the settings screen ----------------------------------------------------------------
CARE_NOTE_SEEN = "care_note_seen"
"""The local date the first-launch "not medical advice" note was shown (once per journal)."""

HELP_TEXT = "help_text"
"""Where to find help, shown by the support notice; unset means safety.DEFAULT_HELP_TEXT."""


def put_many(db: Database, values: Mapping[str, str | None]) -> None:
    """Several settings in one transaction, so either all are saved or none; None removes
    a key (it goes back to its default)."""
    with db.write() as session:
        for key, value in values.items():
            row = session.get(SettingRow, key)
            if value is None:
                if row is not None:
                    session.delete(row)
                continue
            row = row or SettingRow(key=key, value=value)
            row.value = value
            session.add(row)


def put_day_start_hour(db: Database, hour: int) -> int:
    """Save the hour a day starts at; a bad hour raises ValueError and saves nothing."""
    put(db, DAY_START_HOUR, str(check_day_start_hour(hour)))
    return hour


def help_text(db: Database) -> str:
    """The person's own help text, or teeter's default when they have not set one."""
    custom = (get(db, HELP_TEXT) or "").strip()
    return custom or DEFAULT_HELP_TEXT


def help_text_value(text: str) -> str | None:
    """What to store for a help text as typed: None (back to the default) when it is empty
    or is the default itself. Longer than a note may be raises ValueError."""
    cleaned = clean_note(text)
    return cleaned if cleaned and cleaned != DEFAULT_HELP_TEXT else None


def put_help_text(db: Database, text: str) -> bool:
    """Save a custom help text, or go back to the default; True when a custom one is kept."""
    value = help_text_value(text)
    put_many(db, {HELP_TEXT: value})
    return value is not None
