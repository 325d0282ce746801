"""A check-in step's save, run off the event loop.

Pressing enter on a step stores what was entered and marks the step done; both wait for the
file's write lock, which another teeter or a `teeter import` may hold for seconds. Done on
the event loop, that wait froze the keys. Here both run in one worker thread, one after the
other, and the step moves on only when both have landed (`StepScreen.finish`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.domain.checkin import CheckInProgress, Step, StepState
from app.storage.file.database import Database
from app.storage.file.errors import StorageError
from app.storage.tables import checkins


@dataclass(frozen=True)
class StepWrite:
    """What a step stores: `write` runs in a worker thread and must not touch a widget
    (everything it needs was read from the form first); it raises ValueError or
    LookupError (a FormError naming its field, where one is to blame) to refuse. `kept`
    runs on the event loop with what `write` returned: remember its id, carry the name on."""

    write: Callable[[], Any]
    kept: Callable[[Any], None]


@dataclass(frozen=True)
class StepMark:
    """How the step ended, to record in today's check-in (`None` on the screen: nothing to
    record, e.g. skipping a step already done)."""

    db: Database
    day: dt.date
    step: Step
    state: StepState
    now: dt.datetime


@dataclass(frozen=True)
class Finished:
    """What came back: the stored record (None when nothing was written), today's progress
    once the step is marked, or why not. `refused` means nothing was stored; `unmarked`
    means the record is stored but the step's mark is not (the file got busy in between)."""

    record: Any = None
    progress: CheckInProgress | None = None
    refused: ValueError | LookupError | None = None
    unmarked: StorageError | None = None


def store_and_mark(write: StepWrite | None, mark: StepMark | None) -> Finished:
    """In a worker thread: the record, then the step's mark. A StorageError before anything
    is stored is raised (the screen shows it, nothing was written)."""
    record = None
    if write is not None:
        try:
            record = write.write()
        except (ValueError, LookupError) as error:
            return Finished(refused=error)
    if mark is None:
        return Finished(record=record)
    try:
        checkin = checkins.mark_step(mark.db, mark.day, mark.step, mark.state, mark.now)
    except StorageError as error:
        if record is None:
            raise
        return Finished(record=record, unmarked=error)
    return Finished(record=record, progress=checkin.progress)
