"""When the support notice is due, for the app and for `teeter timer stop` alike: the last
week's hard moments (`domain.safety.needs_support`) and once in thirty days, counted from
when the person last *saw* it (`mark_seen`), never from when it was queued."""

from __future__ import annotations

import datetime as dt

from app.domain.safety import SUPPORT_WINDOW, needs_support, support_notice_due
from app.storage.file.database import Database
from app.storage.tables import reframes, settings, timers

SHOWN_AT = "support_notice_shown_at"
"""Setting: the local date the support notice was last seen (ISO)."""


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def due_text(db: Database, now: dt.datetime, today: dt.date) -> str | None:
    """The person's help text when the notice is due now, else None. Only reads."""
    if not support_notice_due(_date(settings.get(db, SHOWN_AT)), today):
        return None
    since = now - SUPPORT_WINDOW
    recent = timers.recent_endings(db, since)
    thoughts = reframes.between(db, since, now + dt.timedelta(minutes=1))
    if not needs_support(recent, thoughts, now):
        return None
    return settings.help_text(db)


def mark_seen(db: Database, today: dt.date) -> None:
    settings.put(db, SHOWN_AT, today.isoformat())
