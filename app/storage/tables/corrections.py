"""Fixing what was recorded: edit an exposure or a reframe, delete one, put it back.

Why a kept copy and not a "deleted" column: a deletion removes the row for real and hands
the caller the whole row (every column, including any a later schema adds), which is what
undo writes back. Nothing else in teeter has to learn to skip deleted rows (the log, the
analysis, exports, the prompt line, imports all stay as they are), and a deleted entry is
gone from the journal, not hidden in it. The cost is that undo lives only as long as the
copy is held: the open app holds it for its undo window, which is all undo promises."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.clock import local_zone
from app.domain.days import offset_where
from app.domain.entries import checked_exposure, checked_reframe
from app.domain.records import Exposure, ExposureSource, Outcome, Reframe
from app.domain.undo import within
from app.storage.file.database import Database
from app.storage.tables import convert
from app.storage.tables.models import ExposureRow, ReframeRow, StimulusRow, table_of
from app.storage.tables.stimuli import StimulusCounts, ensure_row, recorded_for

Record = TypeVar("Record", Exposure, Reframe)


class EntryGone(LookupError):
    """The entry was deleted meanwhile (another window, the shell), or cannot come back."""


class NothingToUndo(LookupError):
    """`teeter undo` found no entry of the shell's recent enough to take back."""

    def __init__(self, latest: Exposure | None, made_at: dt.datetime | None) -> None:
        super().__init__("nothing to undo")
        self.latest = latest
        self.made_at = made_at


@dataclass(frozen=True)
class Kept(Generic[Record]):
    """A deleted entry, whole: `record` for messages, `values` (every column) for undo."""

    record: Record
    table: str
    values: tuple[tuple[str, Any], ...]


# --- exposures -----------------------------------------------------------------------------
def edit_exposure(
    db: Database,
    exposure_id: int,
    *,
    stimulus: str,
    occurred_at: dt.datetime,
    enjoyment: int,
    craving: int,
    note: str,
    now: dt.datetime,
) -> Exposure:
    """Rewrite every field of an exposure, checked by the domain first. A new stimulus name
    is created (as when logging); EntryGone if the exposure was deleted meanwhile."""
    change = checked_exposure(
        stimulus=stimulus,
        occurred_at=occurred_at,
        enjoyment=enjoyment,
        craving=craving,
        note=note,
        now=now,
    )
    with db.write() as session:
        row = session.get(ExposureRow, exposure_id)
        if row is None:
            raise EntryGone("this entry was deleted meanwhile; nothing was changed")
        stimulus_row = ensure_row(session, change.stimulus, now)
        row.stimulus_id = stimulus_row.id or 0
        row.utc_offset = _offset_after(row.occurred_at, row.utc_offset, change.occurred_at)
        row.occurred_at = change.occurred_at
        row.enjoyment, row.craving, row.note = change.enjoyment, change.craving, change.note
        session.add(row)
        session.flush()
        return convert.exposure(row, stimulus_row.name)


def delete_exposure(db: Database, exposure_id: int) -> Kept[Exposure]:
    """Delete one exposure; the kept copy undoes it. EntryGone if it is already gone."""
    with db.write() as session:
        row = session.get(ExposureRow, exposure_id)
        if row is None:
            raise EntryGone("this entry was already deleted")
        name = _stimulus_name(session, row.stimulus_id)
        return _remove(session, row, convert.exposure(row, name))


def restore_exposure(db: Database, kept: Kept[Exposure]) -> Exposure:
    """Put a deleted exposure back as it was (its id too, unless taken meanwhile)."""
    with db.write() as session:
        row_id = _put_back(session, kept)
        row = session.get(ExposureRow, row_id)
        assert row is not None
        return convert.exposure(row, _stimulus_name(session, row.stimulus_id))


@dataclass(frozen=True)
class Undone:
    exposure: Exposure
    stimulus_removed: bool  # the log had created its stimulus, now left with nothing


def undo_latest_from(
    db: Database, source: ExposureSource, now: dt.datetime, window: dt.timedelta
) -> Undone:
    """Delete the exposure `source` (the shell) logged last, if it was logged within
    `window` of `now`; else NothingToUndo with what was found. A stimulus that same log
    created (a typo like "cofee") goes too when nothing else is recorded for it, so undo
    leaves the journal as it was. Find and delete share one write transaction, so two undos
    at once never remove the same entry twice."""
    with db.write() as session:
        found = session.exec(
            select(ExposureRow)
            .where(ExposureRow.source == source.value)
            .order_by(col(ExposureRow.created_at).desc(), col(ExposureRow.id).desc())
            .limit(1)
        ).first()
        if found is None:
            raise NothingToUndo(None, None)
        exposure = convert.exposure(found, _stimulus_name(session, found.stimulus_id))
        if not within(found.created_at, now, window):
            raise NothingToUndo(exposure, found.created_at)
        session.delete(found)
        session.flush()
        stimulus = session.get(StimulusRow, found.stimulus_id)
        created_by_it = stimulus is not None and stimulus.created_at == found.created_at
        removed = created_by_it and recorded_for(session, found.stimulus_id) == StimulusCounts()
        if removed:
            session.delete(stimulus)
        return Undone(exposure, removed)


# --- reframes ------------------------------------------------------------------------------
def edit_reframe(
    db: Database,
    reframe_id: int,
    *,
    stimulus: str | None,
    occurred_at: dt.datetime,
    label: str,
    craving_before: int,
    craving_after: int | None,
    outcome: Outcome | None,
    now: dt.datetime,
) -> Reframe:
    """Rewrite a reframe's fields (its urge-surf minutes stay as recorded)."""
    change = checked_reframe(
        stimulus=stimulus,
        occurred_at=occurred_at,
        label=label,
        craving_before=craving_before,
        craving_after=craving_after,
        outcome=outcome,
        now=now,
    )
    with db.write() as session:
        row = session.get(ReframeRow, reframe_id)
        if row is None:
            raise EntryGone("this reframe was deleted meanwhile; nothing was changed")
        row.stimulus_id = ensure_row(session, change.stimulus, now).id if change.stimulus else None
        row.utc_offset = _offset_after(row.occurred_at, row.utc_offset, change.occurred_at)
        row.occurred_at = change.occurred_at
        row.label = change.label
        row.craving_before, row.craving_after = change.craving_before, change.craving_after
        row.outcome = change.outcome.value if change.outcome else None
        session.add(row)
        session.flush()
        return convert.reframe(row)


def delete_reframe(db: Database, reframe_id: int) -> Kept[Reframe]:
    with db.write() as session:
        row = session.get(ReframeRow, reframe_id)
        if row is None:
            raise EntryGone("this reframe was already deleted")
        return _remove(session, row, convert.reframe(row))


def restore_reframe(db: Database, kept: Kept[Reframe]) -> Reframe:
    with db.write() as session:
        row = session.get(ReframeRow, _put_back(session, kept))
        assert row is not None
        return convert.reframe(row)


def _offset_after(was: dt.datetime, offset: int | None, now_at: dt.datetime) -> int | None:
    """An entry keeps the offset where it was lived while its time stays; a time typed anew
    is read where the person is now, so it takes that zone's offset."""
    if now_at == was:
        return offset

    return offset_where(now_at, local_zone())


# --- the kept copy -------------------------------------------------------------------------
def _stimulus_name(session: Session, stimulus_id: int) -> str:
    stimulus = session.get(StimulusRow, stimulus_id)
    return stimulus.name if stimulus else ""


def _remove(session: Session, row: ExposureRow | ReframeRow, record: Record) -> Kept[Record]:
    table = table_of(type(row))
    values = session.connection().execute(sa.select(table).where(table.c.id == row.id)).one()
    session.delete(row)
    return Kept(record, table.name, tuple(dict(values._mapping).items()))


def _put_back(session: Session, kept: Kept[Any]) -> int:
    """Insert the kept row; a new id if its own was taken meanwhile. EntryGone when it cannot
    come back (its stimulus was deleted meanwhile)."""
    models: dict[str, type[ExposureRow] | type[ReframeRow]] = {
        "exposure": ExposureRow,
        "reframe": ReframeRow,
    }
    model = models[kept.table]
    table = table_of(model)
    values = dict(kept.values)
    if session.get(model, values["id"]) is not None:
        del values["id"]
    try:
        result = session.connection().execute(sa.insert(table).values(**values))
    except IntegrityError:
        raise EntryGone("it cannot come back: its stimulus was deleted meanwhile") from None
    return int(values.get("id") or (result.inserted_primary_key or (0,))[0])
