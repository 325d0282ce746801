"""Exposures: one pleasure, its enjoyment and its craving, at a moment."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from app.domain import bounds
from app.domain.ratings import check_rating
from app.domain.records import Exposure, ExposureSource, StimulusKind
from app.domain.text import clean_note
from app.storage import convert, rows
from app.storage.database import Database
from app.storage.models import ExposureRow, StimulusRow
from app.storage.stimuli import driver_connection


def log(
    db: Database,
    *,
    stimulus: str,
    occurred_at: dt.datetime,
    enjoyment: int,
    craving: int,
    note: str = "",
    source: ExposureSource,
    now: dt.datetime,
    replace_id: int | None = None,
    kind: StimulusKind | None = None,
) -> Exposure:
    """Record an exposure (creating the stimulus if new, of `kind` or the kind its name
    plainly is), or rewrite `replace_id` when a person goes back to a step and changes what
    they entered. Validates before writing."""
    check_rating(enjoyment, "enjoyment")
    check_rating(craving, "craving")
    note = clean_note(note)
    with db.write() as session:
        raw = driver_connection(session)
        stimulus_id, name, _ = rows.ensure_stimulus(raw, stimulus, now, kind)
        if replace_id is None or session.get(ExposureRow, replace_id) is None:
            new_id = rows.insert_exposure(
                raw,
                stimulus_id=stimulus_id,
                occurred_at=occurred_at,
                enjoyment=enjoyment,
                craving=craving,
                note=note,
                source=source,
                now=now,
            )
            row = session.get(ExposureRow, new_id, populate_existing=True)
            assert row is not None
            return convert.exposure(row, name)
        stimulus_row = session.get(StimulusRow, stimulus_id, populate_existing=True)
        row = session.get(ExposureRow, replace_id)
        assert stimulus_row is not None and row is not None
        if stimulus_row.archived:  # logging it again means it is back in use
            stimulus_row.archived = False
        row.stimulus_id = stimulus_id
        row.occurred_at = occurred_at
        row.enjoyment, row.craving, row.note = enjoyment, craving, note
        session.add(row)
        session.flush()
        return convert.exposure(row, name)


def get(db: Database, exposure_id: int) -> Exposure | None:
    with db.read() as session:
        row = session.get(ExposureRow, exposure_id)
        stimulus = session.get(StimulusRow, row.stimulus_id) if row else None
        return convert.exposure(row, stimulus.name) if row and stimulus else None


def between(
    db: Database,
    start: dt.datetime,
    end: dt.datetime,
    stimulus_id: int | None = None,
) -> list[Exposure]:
    """Exposures in [start, end), oldest first. Reads only the window, through an index."""
    query = (
        select(ExposureRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(ExposureRow.stimulus_id))
        .where(ExposureRow.occurred_at >= start, ExposureRow.occurred_at < end)
        .order_by(col(ExposureRow.occurred_at), col(ExposureRow.id))
    )
    if stimulus_id is not None:
        query = query.where(ExposureRow.stimulus_id == stimulus_id)
    with db.read() as session:
        return [convert.exposure(row, name) for row, name in session.exec(query).all()]


def previous_before(db: Database, stimulus_id: int, before: dt.datetime) -> Exposure | None:
    """The last exposure of a stimulus before an instant: the gap of a window's first one."""
    query = (
        select(ExposureRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(ExposureRow.stimulus_id))
        .where(ExposureRow.stimulus_id == stimulus_id, ExposureRow.occurred_at < before)
        .where(ExposureRow.occurred_at >= bounds.EARLIEST)  # a poisoned year-1 entry: unseen
        .order_by(col(ExposureRow.occurred_at).desc())
        .limit(1)
    )
    with db.read() as session:
        found = session.exec(query).first()
        return convert.exposure(*found) if found else None


def window(
    db: Database,
    start: dt.datetime,
    end: dt.datetime,
    stimulus_id: int | None = None,
) -> tuple[list[Exposure], dict[int, Exposure]]:
    """Exposures in [start, end), oldest first, and for each stimulus among them its last
    exposure before `start`, so the window's first gap is measured from it. One range scan
    plus one index lookup per stimulus shown: the cost follows the window, not the history."""
    inside = between(db, start, end, stimulus_id)
    previous: dict[int, Exposure] = {}
    with db.read() as session:
        for sid in dict.fromkeys(e.stimulus_id for e in inside):
            found = session.exec(
                select(ExposureRow, StimulusRow.name)
                .join(StimulusRow, col(StimulusRow.id) == col(ExposureRow.stimulus_id))
                .where(ExposureRow.stimulus_id == sid, ExposureRow.occurred_at < start)
                .where(ExposureRow.occurred_at >= bounds.EARLIEST)
                .order_by(col(ExposureRow.occurred_at).desc(), col(ExposureRow.id).desc())
                .limit(1)
            ).first()
            if found:
                previous[sid] = convert.exposure(*found)
    return inside, previous
