"""How an entry is worded in lists and on its own screen. Pure formatting; every name, note
and label a person typed goes through `app.ui.safe_text`."""

from __future__ import annotations

import datetime as dt

import pendulum
from textual.content import Content

from app.clock import Zone
from app.domain.days import lived_clock
from app.domain.records import Exposure, ExposureSource, Reframe
from app.ui.safe_text import shown

_SOURCES = {
    ExposureSource.NOTICE: "at the Notice step",
    ExposureSource.TRACK: "at the Track step",
    ExposureSource.QUICK: "with quick log",
    ExposureSource.SHELL: "from the shell",
    ExposureSource.IMPORT: "by an import",
}
EDIT_KEYS = "ctrl+s saves · ctrl+r deletes (u undoes) · escape leaves it as it was"
CHANGED_MEANWHILE = (
    "Saved as it was when you saved it. You changed it since: ctrl+s saves the change too, "
    "escape leaves without it."
)


def field_time(instant: dt.datetime, zone: Zone) -> str:
    """The time field's first text: a full local date and time, which reads back exactly."""
    return pendulum.instance(instant).in_timezone(zone).format("YYYY-MM-DD HH:mm")


def _when(instant: dt.datetime, zone: Zone) -> str:
    return pendulum.instance(instant).in_timezone(zone).format("ddd D MMM YYYY, HH:mm")


def exposure_title(exposure: Exposure, zone: Zone) -> Content:
    return Content.assemble(
        shown(exposure.stimulus_name, "bold", width=None),
        f" · {_when(exposure.occurred_at, zone)}",
        (f" · logged {_SOURCES.get(exposure.source, '')}", "$text-muted"),
    )


def reframe_title(reframe: Reframe, stimulus: str | None, zone: Zone) -> Content:
    return Content.assemble(
        ("Reframe", "bold"),
        Content(" of a craving for ") + shown(stimulus) if stimulus else "",
        f" · {_when(reframe.occurred_at, zone)}",
    )


NAME_WIDTH = 24


def _name_width(time_width: int) -> int:
    """The name column gives up what a zone adds to the time column ("17:55 UTC+00:00"), so
    a row still fits an 80-column terminal on one line."""
    return NAME_WIDTH - max(0, time_width - 11)


def exposure_line(exposure: Exposure, zone: Zone, time_width: int = 0) -> Content:
    """One row of home's "Logged today"; the time padded to `time_width` (the widest in the
    list: a time logged in another zone names it) so the columns after it line up."""
    at = lived_clock(exposure.occurred_at, exposure.utc_offset, zone)
    return Content.assemble(
        f"{at:<{time_width}}  ",
        shown(exposure.stimulus_name, width=_name_width(time_width)),
        f"  enjoyment {exposure.enjoyment:>2}   craving {exposure.craving:>2}",
    )


def reframe_line(
    reframe: Reframe, stimulus: str | None, zone: Zone, time_width: int = 0
) -> Content:
    at = lived_clock(reframe.occurred_at, reframe.utc_offset, zone)
    after = f" → {reframe.craving_after}" if reframe.craving_after is not None else ""
    outcome = f" · {reframe.outcome.label}" if reframe.outcome else ""
    return Content.assemble(
        f"{at:<{time_width}}  ",
        shown(f"reframe {stimulus}" if stimulus else "reframe", width=_name_width(time_width)),
        (f"  craving {reframe.craving_before}{after}{outcome}", "$text-muted"),
    )
