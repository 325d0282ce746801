"""What the home screen shows, read in one go."""

from __future__ import annotations

import datetime as dt

from app.domain.overview import Overview
from app.storage import checkins, exposures, reframes, timers
from app.storage.database import Database

__all__ = ["Overview", "overview"]


def overview(db: Database, day: dt.date, start: dt.datetime, end: dt.datetime) -> Overview:
    return Overview(
        day=day,
        checkin=checkins.for_day(db, day),
        timers=timers.active(db),
        today=exposures.between(db, start, end),
        reframes=reframes.named_between(db, start, end),
    )
