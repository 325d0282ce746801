"""Reads for looking back: every exposure of one pleasure, and notes that contain a text.
Both are bounded by what was asked for, never by the last few days."""

from __future__ import annotations

from sqlmodel import col, func, select

from app.domain.records import Exposure
from app.storage.file.database import Database
from app.storage.tables import convert
from app.storage.tables.models import ExposureRow, StimulusRow

SEARCH_LIMIT = 200
"""Most notes a search returns (newest first): more than a screen can usefully show."""


def all_of(db: Database, stimulus_id: int) -> list[Exposure]:
    """Every exposure of a stimulus, oldest first."""
    query = (
        select(ExposureRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(ExposureRow.stimulus_id))
        .where(ExposureRow.stimulus_id == stimulus_id)
        .order_by(col(ExposureRow.occurred_at), col(ExposureRow.id))
    )
    with db.read() as session:
        return [convert.exposure(row, name) for row, name in session.exec(query).all()]


def with_note(db: Database, text: str, limit: int = SEARCH_LIMIT) -> list[Exposure]:
    """Exposures whose note contains `text` (case ignored for ASCII letters; other letters
    match as typed), newest first. The text is matched literally: `%` and `_` a person
    types are not wildcards."""
    needle = text.strip().casefold()
    if not needle:
        return []
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    query = (
        select(ExposureRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(ExposureRow.stimulus_id))
        .where(func.lower(ExposureRow.note).like(f"%{escaped}%", escape="\\"))
        .order_by(col(ExposureRow.occurred_at).desc(), col(ExposureRow.id).desc())
        .limit(limit * 2)
    )
    with db.read() as session:
        found = [convert.exposure(row, name) for row, name in session.exec(query).all()]
    # SQLite folds case for ASCII letters only; the check in Python keeps the result exact.
    return [e for e in found if needle in e.note.casefold()][:limit]


def with_stimulus_ids(db: Database) -> list[tuple[int, str]]:
    """Every stimulus that has at least one exposure, archived or not, by name."""
    query = (
        select(StimulusRow.id, StimulusRow.name)
        .where(col(StimulusRow.id).in_(select(ExposureRow.stimulus_id).distinct()))
        .order_by(col(StimulusRow.name_key))
    )
    with db.read() as session:
        return [(int(sid or 0), name) for sid, name in session.exec(query).all()]
