"""What the home screen shows, as one value (storage reads it two ways: see storage.glance)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain.records import CheckIn, Exposure, Reframe, Timer


@dataclass(frozen=True)
class Overview:
    day: dt.date
    checkin: CheckIn | None
    timers: list[Timer]
    today: list[Exposure]
    reframes: list[tuple[Reframe, str | None]]  # today's, each with its stimulus's name
