"""Settings as text key/value pairs, read with a default."""

from __future__ import annotations

from app.domain.days import DEFAULT_DAY_START_HOUR, check_day_start_hour
from app.storage.database import Database
from app.storage.models import SettingRow

DAY_START_HOUR = "day_start_hour"
THEME = "theme"


def get(db: Database, key: str, default: str | None = None) -> str | None:
    with db.read() as session:
        row = session.get(SettingRow, key)
        return row.value if row else default


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
