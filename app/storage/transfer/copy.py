"""`teeter copy --to`: a whole journal moved into another, empty one (a file into a server,
or back), in one transaction, checked before it commits.

It reuses the lossless path export and import already share: the source is read as the
export document (in one read transaction, with its row counts), parsed as an import would
be, and merged into the target inside one write transaction; then every table's count in
the target is compared with the source's, and any difference rolls everything back. The
source is only read. Ids are not carried over (records name their stimulus), so a copy
never collides with the target's own id sequences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from app.storage.file.database import Database
from app.storage.tables.models import (
    CheckInRow,
    ExperimentRow,
    ExperimentStimulusRow,
    ExposureRow,
    ReframeRow,
    SettingRow,
    StimulusRow,
    TimerRow,
    UrgeRatingRow,
    table_of,
)
from app.storage.transfer import TransferError

COUNTED = (
    StimulusRow,
    ExposureRow,
    CheckInRow,
    TimerRow,
    UrgeRatingRow,
    ReframeRow,
    ExperimentRow,
    ExperimentStimulusRow,
    SettingRow,
)


class TargetNotEmpty(TransferError):
    """The target already holds a journal's entries: a copy never merges into one."""


@dataclass(frozen=True)
class Copied:
    counts: dict[str, int]  # table -> rows, the same in source and target

    def line(self) -> str:
        c = self.counts
        return (
            f"{c['exposure']} exposures, {c['stimulus']} stimuli, {c['timer']} timers, "
            f"{c['reframe']} reframes, {c['checkin']} check-ins"
        )


def copy_journal(source: Database, target: Database, now: dt.datetime) -> Copied:
    """Everything in `source` into the empty `target`, or nothing (TransferError)."""
    from app.storage.transfer import json_export as transfer_json
    from app.storage.transfer import parse as transfer_parse
    from app.storage.transfer.merge import ImportSummary, _merge

    with source.read() as session:
        conn = session.connection()
        expected = _counts(conn)
        document = dict(transfer_json._document(conn, now))
        text = transfer_json.dumps(
            {k: list(v) if not isinstance(v, str | int | dict) else v for k, v in document.items()}
        )
    bundle = transfer_parse.parse(text.encode("utf-8"), Path(source.name))
    with target.write() as session:
        conn = session.connection()
        if conn.execute(sa.select(table_of(StimulusRow).c.id).limit(1)).first():
            raise TargetNotEmpty(
                f"{target.name} already holds entries; a copy goes only into an empty "
                "journal (nothing was copied)"
            )
        if conn.execute(sa.select(table_of(SettingRow).c.key).limit(1)).first():
            conn.execute(sa.delete(table_of(SettingRow)))  # an empty journal's defaults
        _merge(conn, bundle, now, ImportSummary())
        found = _counts(conn)
        if found != expected:
            differ = ", ".join(
                f"{table} {expected[table]} → {found[table]}"
                for table in expected
                if found[table] != expected[table]
            )
            raise TransferError(
                f"the copy did not match the source ({differ}); nothing was copied"
            )  # raising inside the write rolls the whole copy back
    return Copied(expected)


def _counts(conn: sa.Connection) -> dict[str, int]:
    counts = {}
    for model in COUNTED:
        table = table_of(model)
        counts[table.name] = int(
            conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        )
    return counts
