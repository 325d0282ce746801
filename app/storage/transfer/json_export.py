"""Everything in the database as one JSON document, read in a single read transaction so
the export is a consistent snapshot even while another teeter is writing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa

from app.domain.checkin import STEPS
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
from app.storage.transfer import (
    FORMAT,
    VERSION,
    encode_day,
    encode_offset,
    encode_time,
    exposure_fields,
)
from app.version import __version__


def snapshot(db: Database, now: dt.datetime) -> dict[str, Any]:
    """The export document as one value. Ids are left out: records name their stimulus."""
    with db.read() as session:
        return {
            key: list(value) if isinstance(value, Iterator) else value
            for key, value in _document(session.connection(), now)
        }


def export_chunks(db: Database, now: dt.datetime) -> Iterator[str]:
    """The export, a piece at a time, read in one read transaction (a consistent snapshot
    even while another teeter writes) and never held whole in memory: ten years of
    exposures cost what a few thousand lines do."""
    with db.read() as session:
        yield from _chunked(_emit(_document(session.connection(), now)))


def export_json(db: Database, now: dt.datetime) -> str:
    return "".join(export_chunks(db, now))


def dumps(document: dict[str, Any]) -> str:
    """JSON with one record per line: readable, greppable and diffable even at 100k rows."""
    return "".join(_emit(document.items()))


def _document(conn: sa.Connection, now: dt.datetime) -> Iterator[tuple[str, Any]]:
    """The document's keys in order; each table's records as a lazy iterator."""
    stimulus = table_of(StimulusRow)
    setting = table_of(SettingRow)
    stimuli = conn.execute(sa.select(stimulus).order_by(stimulus.c.name_key)).all()
    names = {row.id: row.name for row in stimuli}
    yield "format", FORMAT
    yield "version", VERSION
    yield "exported_at", encode_time(now)
    yield "teeter", __version__
    settings = conn.execute(sa.select(setting).order_by(setting.c.key))
    yield "settings", {row.key: row.value for row in settings}
    yield "stimuli", iter([_stimulus(row) for row in stimuli])
    yield "exposures", _exposures(conn, names)
    yield "checkins", _checkins(conn)
    yield "timers", _timers(conn, names)
    yield "urges", _urges(conn, names)
    yield "reframes", _reframes(conn, names)
    yield "experiments", _experiments(conn, names)


def _stimulus(row: Any) -> dict[str, Any]:
    return {
        "name": row.name,
        "kind": row.kind,
        "archived": bool(row.archived),
        "created_at": encode_time(row.created_at),
    }


def _exposures(conn: sa.Connection, names: dict[int, str]) -> Iterator[dict[str, Any]]:
    """The biggest table (~100k rows for ten years), one record per row with every field of
    `exposure_fields.FIELDS`, read a batch at a time: a full export takes seconds."""
    exposure = table_of(ExposureRow)
    fields = exposure_fields.FIELDS
    query = sa.select(*(exposure.c[f.stored_as] for f in fields))
    query = query.order_by(exposure.c.occurred_at, exposure.c.id)
    encoders = [
        names.__getitem__ if f.name == exposure_fields.STIMULUS else f.encode for f in fields
    ]
    keys = [f.name for f in fields]
    for batch in conn.execute(query).partitions(2000):
        for row in batch:
            yield {
                key: encode(value) for key, encode, value in zip(keys, encoders, row, strict=True)
            }


def _checkins(conn: sa.Connection) -> Iterator[dict[str, Any]]:
    """Each check-in with every step of the domain's list by name (a step without a row
    is pending): a new step is exported, and imported, without a change here."""
    checkin, steps = table_of(CheckInRow), table_of(CheckInStepRow)
    states: dict[int, dict[str, str]] = {}
    for checkin_id, step, state in conn.execute(
        sa.select(steps.c.checkin_id, steps.c.step, steps.c.state)
    ):
        states.setdefault(checkin_id, {})[step] = state
    for row in conn.execute(sa.select(checkin).order_by(checkin.c.day)):
        kept = states.get(row.id, {})
        yield {
            "day": encode_day(row.day),
            **{step.value: kept.get(step.value, "pending") for step in STEPS},
            "started_at": encode_time(row.started_at),
            "completed_at": encode_time(row.completed_at),
        }


def _timers(conn: sa.Connection, names: dict[int, str]) -> Iterator[dict[str, Any]]:
    timer = table_of(TimerRow)
    for row in conn.execute(sa.select(timer).order_by(timer.c.started_at, timer.c.id)):
        yield {
            "stimulus": names[row.stimulus_id],
            "started_at": encode_time(row.started_at),
            "ends_at": encode_time(row.ends_at),
            "ended_at": encode_time(row.ended_at),
            "end_reason": row.end_reason,
            "urge": row.urge,
            "urge_asked": bool(row.urge_asked),
        }


def _urges(conn: sa.Connection, names: dict[int, str]) -> Iterator[dict[str, Any]]:
    """Urge ratings given apart from a timer's end; each names its timer by its start."""
    urge, timer = table_of(UrgeRatingRow), table_of(TimerRow)
    query = (
        sa.select(urge, timer.c.started_at.label("timer_started_at"))
        .select_from(urge.outerjoin(timer, timer.c.id == urge.c.timer_id))
        .order_by(urge.c.rated_at, urge.c.id)
    )
    for row in conn.execute(query):
        yield {
            "stimulus": names[row.stimulus_id],
            "rated_at": encode_time(row.rated_at),
            "urge": row.urge,
            "source": row.source,
            "timer_started_at": encode_time(row.timer_started_at),
        }


def _reframes(conn: sa.Connection, names: dict[int, str]) -> Iterator[dict[str, Any]]:
    reframe = table_of(ReframeRow)
    for row in conn.execute(sa.select(reframe).order_by(reframe.c.occurred_at, reframe.c.id)):
        yield {
            "occurred_at": encode_time(row.occurred_at),
            "utc_offset": encode_offset(row.utc_offset),
            "stimulus": names[row.stimulus_id] if row.stimulus_id is not None else None,
            "label": row.label,
            "craving_before": row.craving_before,
            "craving_after": row.craving_after,
            "surf_minutes": row.surf_minutes,
            "outcome": row.outcome,
        }


def _experiments(conn: sa.Connection, names: dict[int, str]) -> Iterator[dict[str, Any]]:
    experiment = table_of(ExperimentRow)
    link = table_of(ExperimentStimulusRow)
    linked: dict[int, list[str]] = {}
    for row in conn.execute(sa.select(link)):
        linked.setdefault(row.experiment_id, []).append(names[row.stimulus_id])
    query = sa.select(experiment).order_by(experiment.c.started_at, experiment.c.id)
    for row in conn.execute(query).all():
        yield {
            "first_day": encode_day(row.first_day),
            "days": row.days,
            "state": row.state,
            "started_at": encode_time(row.started_at),
            "ended_at": encode_time(row.ended_at),
            "summary": row.summary,
            "stimuli": sorted(linked.get(row.id, []), key=str.casefold),
        }


def _emit(items: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """One record per line. A list (or lazy iterator) of records becomes a JSON array with
    each record on its own line; everything else is written compactly on the key's line."""
    yield "{"
    separator = "\n"
    for key, value in items:
        yield separator
        separator = ",\n"
        if isinstance(value, list):
            value = iter(value)
        if not isinstance(value, Iterator):
            yield f"  {json.dumps(key)}: {_compact(value)}"
            continue
        first = next(value, _NOTHING)
        if first is _NOTHING:
            yield f"  {json.dumps(key)}: []"
            continue
        yield f"  {json.dumps(key)}: [\n    {_compact(first)}"
        for item in value:
            yield f",\n    {_compact(item)}"
        yield "\n  ]"
    yield "\n}\n"


_NOTHING = object()


def _chunked(pieces: Iterable[str], size: int = 1 << 16) -> Iterator[str]:
    """Pieces joined into chunks of about `size` characters: few, large writes."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    if batch:
        yield "".join(batch)


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _compact(value: Any) -> str:
    return _ENCODER.encode(value)
