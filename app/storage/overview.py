"""What the home screen shows, read in one go."""

from __future__ import annotations

import datetime as dt

from app.clock import Zone
from app.domain.overview import Overview
from app.storage import checkins, exposures, reframes, timers
from app.storage.database import Database

__all__ = ["Overview", "overview"]


def overview(db: Database, day: dt.date, tz: Zone, day_start_hour: int) -> Overview:
    return Overview(
        day=day,
        checkin=checkins.for_day(db, day),
        timers=timers.active(db),
        today=exposures.on_days(db, day, day, tz, day_start_hour),
        reframes=reframes.named_on_days(db, day, day, tz, day_start_hour),
    )
