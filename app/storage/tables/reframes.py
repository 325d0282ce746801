"""Reframes: a craving labelled as information, rated before and after."""

from __future__ import annotations

import datetime as dt

from app.clock import Zone, local_zone
from app.domain.days import lived_on, lived_range, offset_where
from app.domain.ratings import check_rating
from app.domain.records import Outcome, Reframe
from app.domain.text import one_line
from app.storage.file.database import Database
from app.storage.tables import convert
from app.storage.tables.models import ReframeRow
from app.storage.tables.stimuli import ensure_row

LABEL_MAX = 300


def add(
    db: Database,
    *,
    occurred_at: dt.datetime,
    stimulus: str | None,
    label: str,
    craving_before: int,
    craving_after: int | None,
    outcome: Outcome | None,
    surf_minutes: int | None = None,
    replace_id: int | None = None,
    utc_offset: int | None = None,
) -> Reframe:
    """Record a reframe, or rewrite `replace_id`. Like an exposure it keeps the UTC offset
    of `occurred_at` (or `utc_offset`), so it stays on the day it was lived."""
    check_rating(craving_before, "craving before")
    if craving_after is not None:
        check_rating(craving_after, "craving after")
    label = one_line(label).strip()[:LABEL_MAX]
    if not label:
        raise ValueError("a reframe needs a label")
    with db.write() as session:
        stimulus_id = ensure_row(session, stimulus, occurred_at).id if stimulus else None
        row = session.get(ReframeRow, replace_id) if replace_id is not None else None
        if row is None:
            row = ReframeRow(occurred_at=occurred_at, label=label, craving_before=craving_before)
            row.utc_offset = (
                utc_offset if utc_offset is not None else offset_where(occurred_at, local_zone())
            )
        row.stimulus_id = stimulus_id
        row.label = label
        row.craving_before = craving_before
        row.craving_after = craving_after
        row.outcome = outcome.value if outcome else None
        row.surf_minutes = surf_minutes
        session.add(row)
        session.flush()
        return convert.reframe(row)


def between(db: Database, start: dt.datetime, end: dt.datetime) -> list[Reframe]:
    from sqlmodel import col, select

    query = (
        select(ReframeRow)
        .where(ReframeRow.occurred_at >= start, ReframeRow.occurred_at < end)
        .order_by(col(ReframeRow.occurred_at))
    )
    with db.read() as session:
        return [convert.reframe(row) for row in session.exec(query).all()]


def on_days(
    db: Database, first_day: dt.date, last_day: dt.date, tz: Zone, day_start_hour: int
) -> list[Reframe]:
    """Reframes lived on the days `first_day`..`last_day` (see `exposures.on_days`)."""
    start, end = lived_range(first_day, last_day, tz, day_start_hour)
    return lived_on(between(db, start, end), first_day, last_day, tz, day_start_hour)


def latest(db: Database, limit: int = 50) -> list[Reframe]:
    """The latest reframes, oldest of them first: what the Reframe step's cards read."""
    from sqlmodel import col, select

    query = (
        select(ReframeRow)
        .order_by(col(ReframeRow.occurred_at).desc(), col(ReframeRow.id).desc())
        .limit(limit)
    )
    with db.read() as session:
        return [convert.reframe(row) for row in reversed(session.exec(query).all())]


def _named_query():  # type: ignore[no-untyped-def]
    from sqlmodel import col, select

    from app.storage.tables.models import StimulusRow

    return select(ReframeRow, StimulusRow.name).outerjoin(
        StimulusRow, col(StimulusRow.id) == col(ReframeRow.stimulus_id)
    )


def named_between(
    db: Database, start: dt.datetime, end: dt.datetime
) -> list[tuple[Reframe, str | None]]:
    """Reframes in [start, end), oldest first, each with its stimulus's name (or None): what
    home lists beside the day's exposures."""
    from sqlmodel import col

    query = (
        _named_query()
        .where(ReframeRow.occurred_at >= start, ReframeRow.occurred_at < end)
        .order_by(col(ReframeRow.occurred_at), col(ReframeRow.id))
    )
    with db.read() as session:
        return [(convert.reframe(row), name) for row, name in session.exec(query).all()]


def named_on_days(
    db: Database, first_day: dt.date, last_day: dt.date, tz: Zone, day_start_hour: int
) -> list[tuple[Reframe, str | None]]:
    """`named_between` for the days `first_day`..`last_day` as lived (`on_days`)."""
    start, end = lived_range(first_day, last_day, tz, day_start_hour)
    named = named_between(db, start, end)
    kept = {r.id for r in lived_on([r for r, _ in named], first_day, last_day, tz, day_start_hour)}
    return [(r, name) for r, name in named if r.id in kept]


def get_named(db: Database, reframe_id: int) -> tuple[Reframe, str | None] | None:
    with db.read() as session:
        found = session.exec(_named_query().where(ReframeRow.id == reframe_id)).first()
        return (convert.reframe(found[0]), found[1]) if found else None
