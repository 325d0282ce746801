"""The three-day log's window, analysed: the one read behind the log screen and `teeter
report`, so both always show the same numbers for the same days."""

from __future__ import annotations

import datetime as dt

from app.clock import Zone
from app.domain.balance import StimulusAnalysis, analyse
from app.storage.file.database import Database
from app.storage.tables.exposures import lived_window


def analysed(
    db: Database,
    last_day: dt.date,
    days: int,
    tz: Zone,
    day_start_hour: int,
    stimulus_id: int | None = None,
) -> tuple[StimulusAnalysis, ...]:
    """One analysis per pleasure logged in the `days` days ending with `last_day` (as
    lived), each window's first gap measured from the entry before it."""
    inside, previous = lived_window(db, last_day, days, tz, day_start_hour, stimulus_id)
    return analyse(inside, tz, day_start_hour, previous)
