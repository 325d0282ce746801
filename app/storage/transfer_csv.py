"""Exposures as CSV for a spreadsheet: one row per exposure, a header, times in UTC.

Quoting is the csv module's (RFC 4180 style): a note with commas, quotes or line breaks
is quoted, so it stays one field."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import sqlalchemy as sa

from app.storage.database import Database
from app.storage.models import ExposureRow, StimulusRow
from app.storage.transfer import encode_time

HEADER = ("occurred_at", "stimulus", "enjoyment", "craving", "note", "source")


def export_csv(db: Database) -> str:
    return "".join(export_csv_chunks(db))


def export_csv_chunks(db: Database, rows_per_chunk: int = 2000) -> Iterator[str]:
    """The CSV a piece at a time, from one read transaction, never held whole in memory."""
    exposure = ExposureRow.__table__
    stimulus = StimulusRow.__table__
    query = (
        sa.select(
            exposure.c.occurred_at,
            stimulus.c.name,
            exposure.c.enjoyment,
            exposure.c.craving,
            exposure.c.note,
            exposure.c.source,
        )
        .join_from(exposure, stimulus, exposure.c.stimulus_id == stimulus.c.id)
        .order_by(exposure.c.occurred_at, exposure.c.id)
    )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    with db.read() as session:
        rows = session.connection().execute(query)
        for count, (occurred_at, name, enjoyment, craving, note, source) in enumerate(rows, 1):
            writer.writerow((encode_time(occurred_at), name, enjoyment, craving, note, source))
            if count % rows_per_chunk == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()
