"""Opening and deleting one entry (an exposure or a reframe), the same way from every list
that shows entries (home's "Logged today", the log's table, the entry screen itself).

A list names an entry by a key like `exposure-12` or `reframe-3`; deleting acts at once and
leaves an undo offer (`app.undo`), since the kept copy puts back exactly what was there."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pendulum

from app.storage import corrections
from app.storage.errors import StorageError

if TYPE_CHECKING:
    import datetime as dt

    from app.ui.app import TeeterApp

EXPOSURE, REFRAME = "exposure", "reframe"


def key(kind: str, entry_id: int) -> str:
    return f"{kind}-{entry_id}"


def parse_key(text: str | None) -> tuple[str, int] | None:
    kind, _, number = (text or "").partition("-")
    if kind in (EXPOSURE, REFRAME) and number.isdigit():
        return kind, int(number)
    return None


def open_entry(app: TeeterApp, entry_key: str | None) -> None:
    """Push the screen that shows the whole entry and lets it be changed or deleted."""
    found = parse_key(entry_key)
    if found is None or app.db is None:
        return
    kind, entry_id = found
    if kind == EXPOSURE:
        from app.storage import exposures
        from app.ui.screens.entry_screen import ExposureEntryScreen

        exposure = exposures.get(app.db, entry_id)
        if exposure is not None:
            app.push_screen(ExposureEntryScreen(exposure))
            return
    else:
        from app.storage import reframes
        from app.ui.screens.reframe_entry_screen import ReframeEntryScreen

        reframe = reframes.get_named(app.db, entry_id)
        if reframe is not None:
            app.push_screen(ReframeEntryScreen(*reframe))
            return
    app.notify(f"That {kind} was deleted meanwhile.", severity="warning", markup=False)
    app.data_changed()


def delete_entry(app: TeeterApp, entry_key: str | None) -> bool:
    """Delete at once, offering undo; False when there was nothing (left) to delete."""
    found = parse_key(entry_key)
    db = app.db
    if found is None or db is None:
        return False
    kind, entry_id = found
    try:
        if kind == EXPOSURE:
            kept_exposure = corrections.delete_exposure(db, entry_id)
            exposure = kept_exposure.record
            title, at = exposure.stimulus_name, _clock(app, exposure.occurred_at)

            def take_back() -> str:
                corrections.restore_exposure(db, kept_exposure)
                return f"The exposure of {at} is back."

        else:
            kept_reframe = corrections.delete_reframe(db, entry_id)
            title, at = "Reframe", _clock(app, kept_reframe.record.occurred_at)

            def take_back() -> str:
                corrections.restore_reframe(db, kept_reframe)
                return f"The reframe of {at} is back."

    except corrections.EntryGone as error:
        app.notify(str(error), severity="warning", markup=False)
        app.data_changed()
        return False
    except StorageError as error:
        app.notify(str(error), severity="error", markup=False)
        return False
    app.data_changed()
    app.undo.keep(title, f"Deleted the {kind} of {at}.", take_back)
    return True


def _clock(app: TeeterApp, instant: dt.datetime) -> str:
    """`14:05`, or `Mon 23 Nov 14:05` when it is not today."""
    local = pendulum.instance(instant).in_timezone(app.zone())
    start, end = app.today_bounds()
    if start <= local < end:
        return local.format("HH:mm")
    return local.format("ddd D MMM HH:mm")
