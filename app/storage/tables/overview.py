"""What the home screen shows, read in one go."""

from __future__ import annotations

import datetime as dt

from app.clock import Zone
from app.domain.experiment import Experiment
from app.domain.overview import Overview
from app.storage.file.database import Database
from app.storage.file.errors import StorageError
from app.storage.tables import checkins, experiments, exposures, reframes, timers

__all__ = ["Overview", "experiments_now", "overview"]


def overview(db: Database, day: dt.date, tz: Zone, day_start_hour: int) -> Overview:
    return Overview(
        day=day,
        checkin=checkins.for_day(db, day),
        timers=timers.active(db),
        today=exposures.on_days(db, day, day, tz, day_start_hour),
        reframes=reframes.named_on_days(db, day, day, tz, day_start_hour),
    )


def experiments_now(db: Database) -> tuple[Experiment | None, Experiment | None]:
    """For the home screen's experiment line: the running experiment, or else the latest
    past one; neither when they cannot be read (the line is then left out)."""
    try:
        current = experiments.running(db)
        past = experiments.past(db) if current is None else []
    except StorageError:
        return None, None
    return current, (past[0] if past else None)
