"""How the Track step words today's run of one pleasure."""

from __future__ import annotations

import pendulum
from rich.text import Text

from app.domain.days import lived_clock
from app.domain.records import Exposure
from app.ui.safe_text import cell


def row(
    exposure: Exposure, tz: pendulum.Timezone | pendulum.FixedTimezone
) -> tuple[str | Text, ...]:
    at = lived_clock(exposure.occurred_at, exposure.utc_offset, tz)
    return (
        at,
        cell(exposure.stimulus_name, 20),
        str(exposure.enjoyment),
        str(exposure.craving),
        cell(exposure.note, 40),
    )


def trend(
    today: list[Exposure], tz: pendulum.Timezone | pendulum.FixedTimezone, day_start_hour: int
) -> str:
    from app.domain.balance import analyse_stimulus, today_trend_sentence

    if not today:
        return "Nothing logged for this one today yet."
    analysis = analyse_stimulus(today, tz, day_start_hour)
    return today_trend_sentence(analysis.points)
