"""An exposure's fields in files are one list (`exposure_fields.FIELDS`): the JSON export,
the CSV export, reading a file and merging it all follow it, so a new field is one entry
there (beside its column and its schema step)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pendulum
import pytest

from app.domain.records import ExposureSource
from app.storage.file.database import Database
from app.storage.tables import exposures
from app.storage.tables.models import ExposureRow
from app.storage.transfer import exposure_fields
from app.storage.transfer.csv_export import export_csv
from app.storage.transfer.json_export import export_json
from app.storage.transfer.merge import import_bundle
from app.storage.transfer.parse import parse

NOW = pendulum.datetime(2026, 11, 24, 20, 0, tz="UTC")


def log_one(db: Database) -> None:
    exposures.log(
        db,
        stimulus="coffee",
        occurred_at=NOW.subtract(hours=2),
        enjoyment=6,
        craving=4,
        note="=1+1 and a note",
        source=ExposureSource.SHELL,
        now=NOW,
    )


def test_every_exposure_column_is_a_field_and_every_file_follows_the_list(
    db: Database,
) -> None:
    columns = {c.name for c in ExposureRow.__table__.columns} - {"id"}
    assert {f.stored_as for f in exposure_fields.FIELDS} == columns
    log_one(db)
    (record,) = json.loads(export_json(db, NOW))["exposures"]
    assert list(record) == [f.name for f in exposure_fields.FIELDS]
    header, row = csv.reader(io.StringIO(export_csv(db), newline=""))
    assert header == [f.name for f in exposure_fields.FIELDS if f.in_csv]
    assert row[header.index("note")] == "'=1+1 and a note"  # text a spreadsheet would run


def test_reading_and_merging_go_through_the_list(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field's check decides what is stored: change the note's, and an import stores what
    it says, with no other change."""
    log_one(db)
    exported = export_json(db, NOW).encode()
    note = next(f for f in exposure_fields.FIELDS if f.name == "note")

    def shouted(item, key, where):  # type: ignore[no-untyped-def]
        return note.check(item, key, where).upper()

    louder = dataclasses.replace(note, check=shouted)
    fields = tuple(louder if f is note else f for f in exposure_fields.FIELDS)
    monkeypatch.setattr(exposure_fields, "VALUES", tuple(f for f in fields if f.name != "stimulus"))
    other = Database(tmp_path / "other.db")
    try:
        summary = import_bundle(other, parse(exported, tmp_path / "x.json"), NOW)
        (found,) = exposures.between(other, NOW.subtract(days=1), NOW)
    finally:
        other.close()
    assert summary.added["exposures"] == 1
    assert found.note == "=1+1 AND A NOTE"
    assert (found.enjoyment, found.craving, found.stimulus_name) == (6, 4, "coffee")
