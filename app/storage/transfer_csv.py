"""Exposures as CSV for a spreadsheet: one row per exposure, a header, times in UTC, and the
UTC offset where each was lived (`+05:30`), so its local time is the two added together.

Quoting is the csv module's (RFC 4180 style): a note with commas, quotes or line breaks
is quoted, so it stays one field. Every field is quoted, and text a spreadsheet would run as
a formula (a name or note starting with `=`, `+`, `-`, `@`, a tab or a carriage return, like
`=HYPERLINK(...)`) gets a leading `'`, as OWASP advises against CSV injection: the cell then
shows the text instead of running it. The JSON export keeps the text exactly."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import sqlalchemy as sa

from app.storage.database import Database
from app.storage.models import ExposureRow, StimulusRow, table_of
from app.storage.transfer import encode_offset, encode_time

HEADER = ("occurred_at", "stimulus", "enjoyment", "craving", "note", "source", "utc_offset")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """Text a spreadsheet shows rather than runs (see the module docstring)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def export_csv(db: Database) -> str:
    return "".join(export_csv_chunks(db))


def export_csv_chunks(db: Database, rows_per_chunk: int = 2000) -> Iterator[str]:
    """The CSV a piece at a time, from one read transaction, never held whole in memory."""
    exposure = table_of(ExposureRow)
    stimulus = table_of(StimulusRow)
    query = (
        sa.select(
            exposure.c.occurred_at,
            stimulus.c.name,
            exposure.c.enjoyment,
            exposure.c.craving,
            exposure.c.note,
            exposure.c.source,
            exposure.c.utc_offset,
        )
        .join_from(exposure, stimulus, exposure.c.stimulus_id == stimulus.c.id)
        .order_by(exposure.c.occurred_at, exposure.c.id)
    )
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(HEADER)
    with db.read() as session:
        rows = session.connection().execute(query)
        for count, (occurred_at, name, enjoyment, craving, note, source, offset) in enumerate(
            rows, 1
        ):
            writer.writerow(
                (
                    encode_time(occurred_at),
                    inert(name),
                    enjoyment,
                    craving,
                    inert(note),
                    source,
                    encode_offset(offset) or "",
                )
            )
            if count % rows_per_chunk == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()
