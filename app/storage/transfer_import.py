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
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from app.storage.database import Database
from app.storage.models import (
    CheckInRow,
    ExperimentRow,
    ExperimentStimulusRow,
    ExposureRow,
    ReframeRow,
    SettingRow,
    StimulusRow,
    TimerRow,
)
from app.storage.transfer import TransferError
from app.storage.transfer_parse import Bundle

SECTIONS = (
    ("exposures", "exposure", "exposures"),
    ("stimuli", "stimulus", "stimuli"),
    ("checkins", "check-in", "check-ins"),
    ("timers", "timer", "timers"),
    ("reframes", "reframe", "reframes"),
    ("experiments", "experiment", "experiments"),
    ("settings", "setting", "settings"),
)


@dataclass
class ImportSummary:
    added: dict[str, int] = field(default_factory=dict)
    present: int = 0

    def line(self) -> str:
        """`imported 312 exposures, 3 stimuli, ... (0 already present)`."""
        parts = []
        for key, one, many in SECTIONS:
            count = self.added.get(key, 0)
            parts.append(f"{count} {one if count == 1 else many}")
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
            if only_if_empty and conn.execute(sa.select(StimulusRow.__table__.c.id)).first():
                raise NotEmpty(f"{db.path} already holds entries")
            _merge(conn, bundle, now, summary)
    except IntegrityError as error:  # checked beforehand; kept as a last guard
        raise TransferError(f"the import was refused by the database ({error.orig})") from None
    return summary


def _merge(conn: sa.Connection, bundle: Bundle, now: dt.datetime, out: ImportSummary) -> None:
    stimulus = StimulusRow.__table__
    known = {key: sid for sid, key in conn.execute(sa.select(stimulus.c.id, stimulus.c.name_key))}
    old_ids = set(known.values())
    new = [s for s in bundle.stimuli if s.key not in known]
    _insert(
        conn,
        stimulus,
        [
            {
                "name": s.name,
                "name_key": s.key,
                "kind": s.kind,
                "archived": s.archived,
                "created_at": s.created_at or now,
            }
            for s in new
        ],
    )
    out.added["stimuli"] = len(new)
    out.present += len(bundle.stimuli) - len(new)
    if new:
        known = {
            key: sid for sid, key in conn.execute(sa.select(stimulus.c.id, stimulus.c.name_key))
        }

    exposure = ExposureRow.__table__
    existing = (
        conn.execute(
            sa.select(
                exposure.c.stimulus_id,
                exposure.c.occurred_at,
                exposure.c.enjoyment,
                exposure.c.craving,
                exposure.c.note,
            )
        )
        if old_ids and bundle.exposures
        else []
    )
    match = _Matcher(tuple(row) for row in existing)
    rows = []
    for e in bundle.exposures:
        sid = known[e.stimulus]
        if not match.take((sid, e.occurred_at, e.enjoyment, e.craving, e.note)):
            rows.append(
                {
                    "stimulus_id": sid,
                    "occurred_at": e.occurred_at,
                    "enjoyment": e.enjoyment,
                    "craving": e.craving,
                    "note": e.note,
                    "source": e.source,
                    "created_at": e.created_at or now,
                }
            )
    out.added["exposures"] = _insert(conn, exposure, rows)
    out.present += match.present

    checkin = CheckInRow.__table__
    days = set(conn.execute(sa.select(checkin.c.day)).scalars())
    rows = []
    for c in bundle.checkins:
        if c.day in days:
            out.present += 1
            continue
        days.add(c.day)
        rows.append(
            {"day": c.day, **c.steps, "started_at": c.started_at, "completed_at": c.completed_at}
        )
    out.added["checkins"] = _insert(conn, checkin, rows)

    timer = TimerRow.__table__
    match = _Matcher(conn.execute(sa.select(timer.c.stimulus_id, timer.c.started_at)).tuples())
    rows = [
        {
            "stimulus_id": known[t.stimulus],
            "started_at": t.started_at,
            "ends_at": t.ends_at,
            "ended_at": t.ended_at,
            "end_reason": t.end_reason,
            "urge": t.urge,
            "urge_asked": t.urge_asked,
        }
        for t in bundle.timers
        if not match.take((known[t.stimulus], t.started_at))
    ]
    out.added["timers"] = _insert(conn, timer, rows)
    out.present += match.present

    reframe = ReframeRow.__table__
    match = _Matcher(conn.execute(sa.select(reframe.c.occurred_at, reframe.c.label)).tuples())
    rows = [
        {
            "occurred_at": r.occurred_at,
            "stimulus_id": known[r.stimulus] if r.stimulus is not None else None,
            "label": r.label,
            "craving_before": r.craving_before,
            "craving_after": r.craving_after,
            "surf_minutes": r.surf_minutes,
            "outcome": r.outcome,
        }
        for r in bundle.reframes
        if not match.take((r.occurred_at, r.label))
    ]
    out.added["reframes"] = _insert(conn, reframe, rows)
    out.present += match.present

    experiment = ExperimentRow.__table__
    match = _Matcher(
        conn.execute(sa.select(experiment.c.first_day, experiment.c.started_at)).tuples()
    )
    added = 0
    for x in bundle.experiments:
        if match.take((x.first_day, x.started_at)):
            continue
        result = conn.execute(
            sa.insert(experiment).values(
                first_day=x.first_day,
                days=x.days,
                state=x.state,
                started_at=x.started_at,
                ended_at=x.ended_at,
                summary=x.summary,
            )
        )
        (experiment_id,) = result.inserted_primary_key or (None,)
        _insert(
            conn,
            ExperimentStimulusRow.__table__,
            [{"experiment_id": experiment_id, "stimulus_id": known[k]} for k in x.stimuli],
        )
        added += 1
    out.added["experiments"] = added
    out.present += match.present

    setting = SettingRow.__table__
    keys = set(conn.execute(sa.select(setting.c.key)).scalars())
    rows = [{"key": k, "value": v} for k, v in bundle.settings.items() if k not in keys]
    out.added["settings"] = _insert(conn, setting, rows)
    out.present += len(bundle.settings) - len(rows)


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> int:
    if rows:
        conn.execute(sa.insert(table), rows)
    return len(rows)
