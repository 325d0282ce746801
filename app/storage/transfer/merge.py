"""Merging a checked export into the database: all or nothing, in one write transaction.

Records are matched on what they are, not on ids (which differ between files), so
importing the same file twice adds nothing the second time:
stimulus by case-folded name; exposure by (stimulus, time, enjoyment, craving, note);
check-in by day (an existing day is kept); timer by (stimulus, start); reframe by (time,
label); experiment by (first day, start); setting by key (an existing value is kept).
Matching counts duplicates: a file holding two identical exposures adds two to an empty
database and none to a database that already holds both.

Rows go in with bulk inserts on the Core connection (one executemany per table), not one
ORM object per row: 100k exposures take seconds."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.domain.wording import counted
from app.storage.file.database import Database
from app.storage.tables.models import (
    CheckInRow,
    CheckInStepRow,
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
from app.storage.transfer import TransferError, exposure_fields
from app.storage.transfer.records import Bundle

SECTIONS = (
    ("exposures", "exposure", "exposures"),
    ("stimuli", "stimulus", "stimuli"),
    ("checkins", "check-in", "check-ins"),
    ("timers", "timer", "timers"),
    ("urges", "urge rating", "urge ratings"),
    ("reframes", "reframe", "reframes"),
    ("experiments", "experiment", "experiments"),
    ("settings", "setting", "settings"),
)


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    present: int = 0

    def line(self) -> str:
        """`imported 312 exposures, 3 stimuli, 2 timers (0 already present)`: exposures and
        stimuli always, the rest when there were any."""
        parts = []
        for key, one, many in SECTIONS:
            count = self.added.get(key, 0)
            if count or key in ("exposures", "stimuli"):
                parts.append(counted(count, one, many))
        return f"imported {', '.join(parts)} ({self.present} already present)"


class _Matcher:
    """What the database already holds, as a multiset of natural keys."""

    def __init__(self, keys: Iterable[Hashable]) -> None:
        self.counts = Counter(keys)
        self.present = 0

    def take(self, key: Hashable) -> bool:
        """True when `key` is already there (and uses up one copy of it)."""
        if self.counts[key] > 0:
            self.counts[key] -= 1
            self.present += 1
            return True
        return False


class NotEmpty(TransferError):
    """The demo goes only into a database without entries of its own."""


def import_bundle(
    db: Database, bundle: Bundle, now: dt.datetime, *, only_if_empty: bool = False
) -> ImportSummary:
    """Merge `bundle` in one transaction. With `only_if_empty`, a database that already
    names a stimulus is refused (NotEmpty) and left as it was."""
    summary = ImportSummary()
    try:
        with db.write() as session:
            conn = session.connection()
            if only_if_empty and conn.execute(sa.select(table_of(StimulusRow).c.id)).first():
                raise NotEmpty(f"{db.name} already holds entries")
            _merge(conn, bundle, now, summary)
    except IntegrityError as error:  # checked beforehand; kept as a last guard
        raise TransferError(f"the import was refused by the database ({error.orig})") from None
    return summary


def _merge(conn: sa.Connection, bundle: Bundle, now: dt.datetime, out: ImportSummary) -> None:
    had_stimuli, ids = _merge_stimuli(conn, bundle, now, out)
    _merge_section(
        out,
        "exposures",
        conn,
        table_of(ExposureRow),
        exposure_fields.SAME_ENTRY,
        (
            {
                "stimulus_id": ids[e.stimulus],
                **{
                    f.stored_as: f.stored(value, now)
                    for f, value in zip(exposure_fields.VALUES, e.values, strict=True)
                },
            }
            for e in bundle.exposures
        ),
        look=had_stimuli,  # no stimulus before the import: no exposure to match either
    )
    _merge_checkins(conn, bundle, out)
    _merge_section(
        out,
        "timers",
        conn,
        table_of(TimerRow),
        ("stimulus_id", "started_at"),
        (
            {
                "stimulus_id": ids[t.stimulus],
                "started_at": t.started_at,
                "ends_at": t.ends_at,
                "ended_at": t.ended_at,
                "end_reason": t.end_reason,
                "urge": t.urge,
                "urge_asked": t.urge_asked,
            }
            for t in bundle.timers
        ),
    )
    _merge_urges(conn, bundle, ids, out)
    _merge_section(
        out,
        "reframes",
        conn,
        table_of(ReframeRow),
        ("occurred_at", "label"),
        (
            {
                "occurred_at": r.occurred_at,
                "stimulus_id": ids[r.stimulus] if r.stimulus is not None else None,
                "label": r.label,
                "craving_before": r.craving_before,
                "craving_after": r.craving_after,
                "surf_minutes": r.surf_minutes,
                "outcome": r.outcome,
                "utc_offset": r.utc_offset,
            }
            for r in bundle.reframes
        ),
    )
    _merge_experiments(conn, bundle, ids, out)
    _merge_section(
        out,
        "settings",
        conn,
        table_of(SettingRow),
        ("key",),
        [{"key": key, "value": value} for key, value in bundle.settings.items()],
    )


def _merge_stimuli(
    conn: sa.Connection, bundle: Bundle, now: dt.datetime, out: ImportSummary
) -> tuple[bool, dict[str, int]]:
    """Add the stimuli the database lacks (existing ones are kept as they are). Returns
    whether it had any before, and every stimulus id by case-folded name."""
    table = table_of(StimulusRow)
    query = sa.select(table.c.name_key, table.c.id)
    ids: dict[str, int] = {key: sid for key, sid in conn.execute(query)}
    new = [s for s in bundle.stimuli if s.key not in ids]
    rows = [
        {
            "name": s.name,
            "name_key": s.key,
            "kind": s.kind,
            "archived": s.archived,
            "created_at": s.created_at or now,
        }
        for s in new
    ]
    out.added["stimuli"] = _insert(conn, table, rows)
    out.present += len(bundle.stimuli) - len(new)
    had_any = bool(ids)
    if new:
        ids = {key: sid for key, sid in conn.execute(query)}
    return had_any, ids


def _merge_section(
    out: ImportSummary,
    section: str,
    conn: sa.Connection,
    table: sa.Table,
    key: tuple[str, ...],
    rows: Iterable[dict[str, Any]],
    *,
    look: bool = True,
) -> None:
    """Insert the rows whose natural `key` the table does not already hold. `rows` may be
    a generator: they are built, matched and inserted a batch at a time."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        out.added[section] = 0
        return
    existing: Iterable[Iterable[Any]] = (
        conn.execute(sa.select(*(table.c[name] for name in key))) if look else []
    )
    match = _Matcher(map(tuple, existing))
    fresh = (
        row
        for row in itertools.chain((first,), rows)
        if not match.take(tuple(row[name] for name in key))
    )
    out.added[section] = _insert(conn, table, fresh)
    out.present += match.present


def _merge_checkins(conn: sa.Connection, bundle: Bundle, out: ImportSummary) -> None:
    """Check-ins by day (a day already there is kept as it is), then the steps of the new
    ones, one row per step done or skipped."""
    table = table_of(CheckInRow)
    had = {day for (day,) in conn.execute(sa.select(table.c.day))} if bundle.checkins else set()
    _merge_section(
        out,
        "checkins",
        conn,
        table,
        ("day",),
        [
            {"day": c.day, "started_at": c.started_at, "completed_at": c.completed_at}
            for c in bundle.checkins
        ],
    )
    new = [c for c in bundle.checkins if c.day not in had]
    if not new:
        return
    ids = {day: cid for cid, day in conn.execute(sa.select(table.c.id, table.c.day))}
    _insert(
        conn,
        table_of(CheckInStepRow),
        [
            {"checkin_id": ids[c.day], "step": step, "state": state}
            for c in new
            for step, state in c.steps.items()
            if state != "pending"
        ],
    )


def _merge_urges(
    conn: sa.Connection, bundle: Bundle, ids: dict[str, int], out: ImportSummary
) -> None:
    """Urge ratings, each linked again to its timer (found by stimulus and start)."""
    if not bundle.urges:
        out.added["urges"] = 0
        return
    timer = table_of(TimerRow)
    timers = {
        (sid, started): tid
        for tid, sid, started in conn.execute(
            sa.select(timer.c.id, timer.c.stimulus_id, timer.c.started_at)
        )
    }
    _merge_section(
        out,
        "urges",
        conn,
        table_of(UrgeRatingRow),
        ("stimulus_id", "rated_at", "urge"),
        (
            {
                "stimulus_id": ids[u.stimulus],
                "timer_id": timers.get((ids[u.stimulus], u.timer_started_at)),
                "rated_at": u.rated_at,
                "urge": u.urge,
                "source": u.source,
            }
            for u in bundle.urges
        ),
    )


def _merge_experiments(
    conn: sa.Connection, bundle: Bundle, ids: dict[str, int], out: ImportSummary
) -> None:
    """One insert per experiment (there are few), for its id, then its stimuli."""
    table = table_of(ExperimentRow)
    match = _Matcher(map(tuple, conn.execute(sa.select(table.c.first_day, table.c.started_at))))
    added = 0
    for x in bundle.experiments:
        if match.take((x.first_day, x.started_at)):
            continue
        result = conn.execute(
            sa.insert(table).values(
                first_day=x.first_day,
                days=x.days,
                state=x.state,
                started_at=x.started_at,
                ended_at=x.ended_at,
                summary=x.summary,
            )
        )
        experiment_id = result.inserted_primary_key[0]  # type: ignore[index]
        _insert(
            conn,
            table_of(ExperimentStimulusRow),
            [{"experiment_id": experiment_id, "stimulus_id": ids[k]} for k in x.stimuli],
        )
        added += 1
    out.added["experiments"] = added
    out.present += match.present


INSERT_BATCH = 2_000
"""Rows sent to the database per statement: enough to keep a 100k import fast, few enough
that the rows being built never hold more than a sliver of the file in memory."""


def _insert(conn: sa.Connection, table: sa.Table, rows: Iterable[dict[str, Any]]) -> int:
    count = 0
    rows = iter(rows)
    while batch := list(itertools.islice(rows, INSERT_BATCH)):
        conn.execute(sa.insert(table), batch)
        count += len(batch)
    return count
