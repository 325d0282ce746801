"""Opening and deleting one entry (an exposure or a reframe), the same way from every list
that shows entries (home's "Logged today", the log's table, the entry screen itself).

A list names an entry by a key like `exposure-12` or `reframe-3`; deleting acts at once and
leaves an undo offer (`app.undo`), since the kept copy puts back exactly what was there.
Writes run off the event loop (`app.ui.background`): a file busy with another writer never
freezes the keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import pendulum

from app.storage import corrections
from app.storage.errors import StorageError
from app.ui.background import in_background

T = TypeVar("T")

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


def attempt(call: Callable[[], T]) -> Callable[[], T | LookupError | ValueError]:
    """`call` for a background worker: an entry gone meanwhile (LookupError) or a change the
    domain refuses (ValueError) comes back as a value for the screen to show, since an
    exception raised in a worker would end the app."""

    def run() -> T | LookupError | ValueError:
        try:
            return call()
        except (LookupError, ValueError) as error:
            return error

    return run


def delete_entry(app: TeeterApp, entry_key: str | None) -> None:
    """Delete at once (off the event loop), then offer undo with the kept copy."""
    found = parse_key(entry_key)
    db = app.db
    if found is None or db is None:
        return
    kind, entry_id = found

    def delete() -> corrections.Kept[Any]:
        if kind == EXPOSURE:
            return corrections.delete_exposure(db, entry_id)
        return corrections.delete_reframe(db, entry_id)

    def deleted(result: corrections.Kept[Any] | LookupError | ValueError) -> None:
        app.data_changed()
        if isinstance(result, LookupError | ValueError):
            app.notify(str(result), severity="warning", markup=False)
            return
        kept = result
        at = _clock(app, kept.record.occurred_at)
        title = kept.record.stimulus_name if kind == EXPOSURE else "Reframe"

        def take_back() -> str:
            if kind == EXPOSURE:
                corrections.restore_exposure(db, kept)
            else:
                corrections.restore_reframe(db, kept)
            return f"The {kind} of {at} is back."

        app.undo.keep(title, f"Deleted the {kind} of {at}.", take_back)

    in_background(app, attempt(delete), deleted, _failed(app), group="entry-delete")


def _failed(app: TeeterApp) -> Callable[[StorageError], None]:
    def say(error: StorageError) -> None:
        app.notify(str(error), severity="error", markup=False)

    return say


def _clock(app: TeeterApp, instant: dt.datetime) -> str:
    """`14:05`, or `Mon 23 Nov 14:05` when it is not today."""
    local = pendulum.instance(instant).in_timezone(app.zone())
    start, end = app.today_bounds()
    if start <= local < end:
        return local.format("HH:mm")
    return local.format("ddd D MMM HH:mm")
