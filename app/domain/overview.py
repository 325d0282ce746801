"""What the home screen shows, as one value (storage reads it two ways: see storage.glance)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.records import CheckIn, Exposure, Reframe, Timer

if TYPE_CHECKING:
    from app.domain.experiment import Experiment


@dataclass(frozen=True)
class Overview:
    day: dt.date
    checkin: CheckIn | None
    timers: list[Timer]
    today: list[Exposure]
    reframes: list[tuple[Reframe, str | None]]  # today's, each with its stimulus's name
    experiment: Experiment | None = None  # the running one
    last_experiment: Experiment | None = None  # the latest past one, when none is running
