"""Naming and deleting one entry (an exposure or a reframe), the same way from every list
that shows entries (home's "Logged today", the log's table, the entry screen itself);
opening one is `app.ui.entry_opening`.

A list names an entry by a key like `exposure-12` or `reframe-3`; deleting acts at once and
leaves an undo offer (`app.undo`), since the kept copy puts back exactly what was there.
Writes run off the event loop (`app.ui.background`): a file busy with another writer never
freezes the keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pendulum

from app.storage.file.errors import StorageError
from app.storage.tables import corrections
from app.ui.background import attempt, in_background
from app.ui.entry_keys import EXPOSURE, REFRAME, key, parse_key

__all__ = ["EXPOSURE", "REFRAME", "delete_entry", "key", "parse_key"]

if TYPE_CHECKING:
    import datetime as dt

    from app.ui.host import Host


def delete_entry(app: Host, entry_key: str | None) -> None:
    """Delete at once (off the event loop), then offer undo with the kept copy."""
    found = parse_key(entry_key)
    if found is None or not app.is_open:
        return
    kind, entry_id = found
    db = app.journal.db

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

        app.keep_undo(title, f"Deleted the {kind} of {at}.", take_back)

    in_background(app, attempt(delete), deleted, _failed(app), group="entry-delete")


def _failed(app: Host) -> Callable[[StorageError], None]:
    def say(error: StorageError) -> None:
        app.notify(str(error), severity="error", markup=False)

    return say


def _clock(app: Host, instant: dt.datetime) -> str:
    """`14:05`, or `Mon 23 Nov 14:05` when it is not today."""
    local = pendulum.instance(instant).in_timezone(app.journal.zone())
    start, end = app.journal.bounds()
    if start <= local < end:
        return local.format("HH:mm")
    return local.format("ddd D MMM HH:mm")
