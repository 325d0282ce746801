"""Every field of an exposure as teeter's files hold it, in one list: the JSON export, the CSV
export, reading a file and merging it into the database all go through `FIELDS`. A new
exposure field is one `ExposureField` here (beside its column in `models.ExposureRow` and the
schema step that adds it); older files without it import with its fallback.

Each field is named once: its JSON key, its CSV header and (unless `column` says otherwise)
its table column. The order is the order of the CSV columns and of each JSON record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.domain.records import ExposureSource
from app.domain.text import NOTE_MAX
from app.storage.transfer import checks as check
from app.storage.transfer import encode_offset, encode_time

Check = Callable[[dict[str, Any], str, str], Any]


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class ExposureField:
    name: str
    check: Check
    """Reads the field from a file's record and checks it (`transfer.checks`), or raises
    BadValue naming it; a field a file may lack returns its default."""
    encode: Callable[[Any], Any] = _same
    """The stored value as the files write it (times in UTC ISO 8601, offsets `+05:30`)."""
    column: str = ""
    """The table column, when it is not `name`."""
    in_csv: bool = True
    formula_guarded: bool = False
    """Text a person typed: in CSV it gets a leading `'` when a spreadsheet would run it."""
    same_entry: bool = False
    """Part of what makes two exposures the same one: an import adds an exposure only when
    the database holds no exposure with all these fields equal."""
    when_missing: Callable[[dt.datetime], Any] | None = None
    """The value stored when the file has none (None in the record), from the import's time."""

    @property
    def stored_as(self) -> str:
        return self.column or self.name

    def stored(self, value: Any, now: dt.datetime) -> Any:
        if value is None and self.when_missing is not None:
            return self.when_missing(now)
        return value


def _moment(item: dict[str, Any], key: str, where: str) -> Any:
    return check.moment(item, key, where)


def _moment_if_given(item: dict[str, Any], key: str, where: str) -> Any:
    return check.moment(item, key, where, required=False)


def _note(item: dict[str, Any], key: str, where: str) -> str:
    return check.text(item, key, where, NOTE_MAX, one_line_only=False)


def _source(item: dict[str, Any], key: str, where: str) -> Any:
    sources = [s.value for s in ExposureSource]
    return check.choice(item, key, where, sources, ExposureSource.IMPORT.value)


def _stimulus(item: dict[str, Any], key: str, where: str) -> str:
    return check.name(item, key, where)


STIMULUS = "stimulus"
"""The one field that links: a file names the stimulus, the table points at its row."""

FIELDS: tuple[ExposureField, ...] = (
    ExposureField("occurred_at", _moment, encode_time, same_entry=True),
    ExposureField(STIMULUS, _stimulus, column="stimulus_id", formula_guarded=True, same_entry=True),
    ExposureField("enjoyment", check.rating, same_entry=True),
    ExposureField("craving", check.rating, same_entry=True),
    ExposureField("note", _note, formula_guarded=True, same_entry=True),
    ExposureField("source", _source),
    ExposureField("utc_offset", check.offset, encode_offset),  # None: file of version < 3
    ExposureField(
        "created_at", _moment_if_given, encode_time, in_csv=False, when_missing=lambda now: now
    ),
)

VALUES = tuple(f for f in FIELDS if f.name != STIMULUS)
"""The fields an `ExposureIn` holds by position (the stimulus is held apart, as its key)."""
POSITION = {f.name: index for index, f in enumerate(VALUES)}
CSV_FIELDS = tuple(f for f in FIELDS if f.in_csv)
SAME_ENTRY = tuple(f.stored_as for f in FIELDS if f.same_entry)
