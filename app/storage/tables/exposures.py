"""Exposures: one pleasure, its enjoyment and its craving, at a moment."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import aliased
from sqlmodel import col, select

from app.clock import Zone, local_zone
from app.domain import bounds
from app.domain.days import lived_on, lived_range, offset_where
from app.domain.ratings import check_rating
from app.domain.records import Exposure, ExposureDraft, ExposureSource, StimulusKind
from app.domain.text import clean_note
from app.storage.file import rows
from app.storage.file.database import Database
from app.storage.tables import convert
from app.storage.tables.models import ExposureRow, StimulusRow
from app.storage.tables.stimuli import driver_connection


def log(
    db: Database,
    *,
    stimulus: str,
    occurred_at: dt.datetime,
    enjoyment: int,
    craving: int,
    note: str = "",
    source: ExposureSource,
    now: dt.datetime,
    replace_id: int | None = None,
    kind: StimulusKind | None = None,
    utc_offset: int | None = None,
) -> Exposure:
    """Record an exposure (creating the stimulus if new, of `kind` or the kind its name
    plainly is), or rewrite `replace_id` when a person goes back to a step and changes what
    they entered. Validates before writing.

    The UTC offset where it happened is kept, so the entry stays on the day it was lived:
    `utc_offset` (minutes east) when given, else `occurred_at`'s own, or the machine zone's
    when `occurred_at` comes as plain UTC (`app.domain.days.offset_where`)."""
    check_rating(enjoyment, "enjoyment")
    check_rating(craving, "craving")
    note = clean_note(note)
    offset = utc_offset if utc_offset is not None else offset_where(occurred_at, local_zone())
    with db.write() as session:
        raw = driver_connection(session)
        stimulus_id, name, _ = rows.ensure_stimulus(raw, stimulus, now, kind)
        if replace_id is None or session.get(ExposureRow, replace_id) is None:
            new_id = rows.insert_exposure(
                raw,
                stimulus_id=stimulus_id,
                occurred_at=occurred_at,
                enjoyment=enjoyment,
                craving=craving,
                note=note,
                source=source,
                now=now,
                utc_offset=offset,
            )
            row = session.get(ExposureRow, new_id, populate_existing=True)
            assert row is not None
            return convert.exposure(row, name)
        stimulus_row = session.get(StimulusRow, stimulus_id, populate_existing=True)
        row = session.get(ExposureRow, replace_id)
        assert stimulus_row is not None and row is not None
        if stimulus_row.archived:  # logging it again means it is back in use
            stimulus_row.archived = False
        row.stimulus_id = stimulus_id
        row.occurred_at = occurred_at
        row.utc_offset = offset
        row.enjoyment, row.craving, row.note = enjoyment, craving, note
        session.add(row)
        session.flush()
        return convert.exposure(row, name)


def log_draft(
    db: Database,
    draft: ExposureDraft,
    source: ExposureSource,
    now: dt.datetime,
    replace_id: int | None = None,
) -> Exposure:
    """Log what a form read (see `log`): the one call every screen saves an exposure with.
    Safe from a worker thread."""
    return log(
        db,
        stimulus=draft.stimulus,
        occurred_at=draft.occurred_at,
        enjoyment=draft.enjoyment,
        craving=draft.craving,
        note=draft.note,
        source=source,
        now=now,
        replace_id=replace_id,
        kind=draft.kind,
    )


def get(db: Database, exposure_id: int) -> Exposure | None:
    with db.read() as session:
        row = session.get(ExposureRow, exposure_id)
        stimulus = session.get(StimulusRow, row.stimulus_id) if row else None
        return convert.exposure(row, stimulus.name) if row and stimulus else None


def between(
    db: Database,
    start: dt.datetime,
    end: dt.datetime,
    stimulus_id: int | None = None,
) -> list[Exposure]:
    """Exposures in [start, end), oldest first. Reads only the window, through an index."""
    query = (
        select(ExposureRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(ExposureRow.stimulus_id))
        .where(ExposureRow.occurred_at >= start, ExposureRow.occurred_at < end)
        .order_by(col(ExposureRow.occurred_at), col(ExposureRow.id))
    )
    if stimulus_id is not None:
        query = query.where(ExposureRow.stimulus_id == stimulus_id)
    with db.read() as session:
        return [convert.exposure(row, name) for row, name in session.exec(query).all()]


def window(
    db: Database,
    start: dt.datetime,
    end: dt.datetime,
    stimulus_id: int | None = None,
) -> tuple[list[Exposure], dict[int, Exposure]]:
    """Exposures in [start, end), oldest first, and for each stimulus among them its last
    exposure before `start`, so the window's first gap is measured from it. One range scan
    plus one index lookup per stimulus shown: the cost follows the window, not the history."""
    inside = between(db, start, end, stimulus_id)
    previous: dict[int, Exposure] = {}
    with db.read() as session:
        for sid in dict.fromkeys(e.stimulus_id for e in inside):
            found = session.exec(
                select(ExposureRow, StimulusRow.name)
                .join(StimulusRow, col(StimulusRow.id) == col(ExposureRow.stimulus_id))
                .where(ExposureRow.stimulus_id == sid, ExposureRow.occurred_at < start)
                .where(ExposureRow.occurred_at >= bounds.EARLIEST)
                .order_by(col(ExposureRow.occurred_at).desc(), col(ExposureRow.id).desc())
                .limit(1)
            ).first()
            if found:
                previous[sid] = convert.exposure(*found)
    return inside, previous


def on_days(
    db: Database,
    first_day: dt.date,
    last_day: dt.date,
    tz: Zone,
    day_start_hour: int,
    stimulus_id: int | None = None,
) -> list[Exposure]:
    """Exposures lived on the days `first_day`..`last_day`, oldest first: each counted on
    the day of the place it was logged, not of the zone `tz` it is looked at from. One
    indexed range read (the days seen from `tz`, widened by the largest gap between two
    offsets), then each entry's own day decides."""
    start, end = lived_range(first_day, last_day, tz, day_start_hour)
    return lived_on(between(db, start, end, stimulus_id), first_day, last_day, tz, day_start_hour)


def lived_window(
    db: Database,
    last_day: dt.date,
    days: int,
    tz: Zone,
    day_start_hour: int,
    stimulus_id: int | None = None,
) -> tuple[list[Exposure], dict[int, Exposure]]:
    """`days` days ending with `last_day` as lived (`on_days`), and for each stimulus among
    them its last exposure before the first one shown, for the window's first gap.

    Two reads whatever the number of stimuli: the range (which often holds that earlier
    exposure already, being widened for the offsets), then `last_before` for the rest."""
    first_day = last_day - dt.timedelta(days=days - 1)
    start, end = lived_range(first_day, last_day, tz, day_start_hour)
    read = between(db, start, end, stimulus_id)
    inside = lived_on(read, first_day, last_day, tz, day_start_hour)
    first_seen: dict[int, Exposure] = {}
    for exposure in inside:
        first_seen.setdefault(exposure.stimulus_id, exposure)
    earlier: dict[int, Exposure] = {}
    for exposure in read:  # oldest first: the last one kept is the one just before
        first = first_seen.get(exposure.stimulus_id)
        if first is not None and (exposure.occurred_at, exposure.id) < (
            first.occurred_at,
            first.id,
        ):
            earlier[exposure.stimulus_id] = exposure
    missing = [sid for sid in first_seen if sid not in earlier]
    if missing:
        earlier.update(last_before(db, missing, start))
    previous = {sid: earlier[sid] for sid in first_seen if sid in earlier}
    return inside, previous


def last_before(db: Database, stimulus_ids: list[int], before: dt.datetime) -> dict[int, Exposure]:
    """Each stimulus's last exposure before `before` (a poisoned year 1 unseen), in one
    statement: a correlated look-up per stimulus, each an index search on
    (stimulus_id, occurred_at), so the cost follows the stimuli asked for, not the history."""
    owner, earlier = aliased(StimulusRow), aliased(ExposureRow)
    last_id = (
        select(earlier.id)
        .where(earlier.stimulus_id == owner.id, earlier.occurred_at < before)
        .where(earlier.occurred_at >= bounds.EARLIEST)
        .order_by(col(earlier.occurred_at).desc(), col(earlier.id).desc())
        .limit(1)
        .correlate(owner)
        .scalar_subquery()
    )
    wanted = select(last_id).where(col(owner.id).in_(stimulus_ids))
    query = (
        select(ExposureRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(ExposureRow.stimulus_id))
        .where(col(ExposureRow.id).in_(wanted))
    )
    with db.read() as session:
        found = [convert.exposure(row, name) for row, name in session.exec(query).all()]
    return {exposure.stimulus_id: exposure for exposure in found}


def _before(exposure: Exposure, other: Exposure) -> bool:
    """Earlier in the order the log reads exposures: by time, then by id."""
    return (exposure.occurred_at, exposure.id) < (other.occurred_at, other.id)
