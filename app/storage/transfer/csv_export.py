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
from collections.abc import Callable, Iterator
from typing import Any

import sqlalchemy as sa

from app.storage.file.database import Database
from app.storage.tables.models import ExposureRow, StimulusRow, table_of
from app.storage.transfer import exposure_fields
from app.storage.transfer.exposure_fields import ExposureField

HEADER = tuple(f.name for f in exposure_fields.CSV_FIELDS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """Text a spreadsheet shows rather than runs (see the module docstring)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(field: ExposureField) -> Callable[[Any], Any]:
    """A field's value as its CSV cell: encoded as in the JSON export, empty for none, and
    text a person typed made inert (see `inert`)."""

    def cell(value: Any) -> Any:
        shown = field.encode(value)
        if shown is None:
            return ""
        return inert(shown) if field.formula_guarded else shown

    return cell


def export_csv(db: Database) -> str:
    return "".join(export_csv_chunks(db))


def export_csv_chunks(db: Database, rows_per_chunk: int = 2000) -> Iterator[str]:
    """The CSV a piece at a time, from one read transaction, never held whole in memory."""
    exposure = table_of(ExposureRow)
    stimulus = table_of(StimulusRow)
    fields = exposure_fields.CSV_FIELDS
    query = (
        sa.select(
            *(
                stimulus.c.name if f.name == exposure_fields.STIMULUS else exposure.c[f.stored_as]
                for f in fields
            )
        )
        .join_from(exposure, stimulus, exposure.c.stimulus_id == stimulus.c.id)
        .order_by(exposure.c.occurred_at, exposure.c.id)
    )
    encoders = [_cell(f) for f in fields]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL)
    writer.writerow(HEADER)
    with db.read() as session:
        rows = session.connection().execute(query)
        for count, row in enumerate(rows, 1):
            writer.writerow([encode(value) for encode, value in zip(encoders, row, strict=True)])
            if count % rows_per_chunk == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()
