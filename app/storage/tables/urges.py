"""Urge answers: at a timer's end, or later and then kept apart with their own time.

One call per answer (`answer`), used by the app's question, `teeter urge` and a desktop
notification's buttons. It closes a timer that ran out, stores the rating where it belongs
(the domain's ten-minute window decides) and claims the timer's question, all in one write
transaction: after it no window asks again."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_
from sqlmodel import col, select

from app.domain.ratings import check_rating
from app.domain.records import Timer, TimerEnd
from app.domain.schedule import timer_key
from app.domain.urges import UrgeAnswer, UrgeRating, UrgeSource, is_end_answer
from app.storage.file.database import Database
from app.storage.tables import convert, timers
from app.storage.tables.claims import claim_in, release_in
from app.storage.tables.models import StimulusRow, TimerRow, UrgeRatingRow


def answer(
    db: Database, timer_id: int, urge: int | None, now: dt.datetime, source: UrgeSource
) -> UrgeAnswer | None:
    """Record the answer to a timer's question (None: skipped). Returns None when the timer
    is gone (deleted meanwhile) or the question was skipped."""
    if urge is not None:
        check_rating(urge, "urge")
    with db.write() as session:
        found = timers.with_name(session, timer_id)
        if found is None:
            return None
        row, name = found
        _close_if_ran_out(row, now)
        claim_in(session, timer_key(timer_id), now)
        row.urge_asked = True
        if urge is None:
            session.add(row)
            return None
        at_end = row.urge is None and is_end_answer(row.ends_at, now)
        if at_end:
            row.urge = urge
        else:
            session.add(
                UrgeRatingRow(
                    stimulus_id=row.stimulus_id,
                    timer_id=timer_id,
                    rated_at=now,
                    urge=urge,
                    source=source.value,
                )
            )
        session.add(row)
        session.flush()
        return UrgeAnswer(urge, name, now, convert.timer(row, name), at_end)


def claim_question(db: Database, timer_id: int, now: dt.datetime) -> Timer | None:
    """Take the right to ask this timer's urge question (a window or a notification), in one
    write transaction with closing it if it ran out and marking it asked. None when another
    process took it first, or the timer is gone or did not run out."""
    with db.write() as session:
        found = timers.with_name(session, timer_id)
        if found is None:
            return None
        row, name = found
        if row.ends_at > now or row.end_reason not in (None, TimerEnd.RAN_OUT.value):
            return None
        if not claim_in(session, timer_key(timer_id), now):
            return None
        _close_if_ran_out(row, now)
        row.urge_asked = True
        session.add(row)
        session.flush()
        return convert.timer(row, name)


def let_go(db: Database, timer_ids: list[int], now: dt.datetime) -> None:
    """Close these ran-out timers unasked (`domain.urges.worth_asking` chose not to ask),
    in one write transaction, claiming each question so no window or notification asks it
    later. A timer another process asked about meanwhile is left as that one left it."""
    if not timer_ids:
        return
    with db.write() as session:
        for timer_id in timer_ids:
            found = timers.with_name(session, timer_id)
            if found is None:
                continue
            row, _ = found
            if row.ends_at > now or row.urge_asked:
                continue
            if not claim_in(session, timer_key(timer_id), now):
                continue
            _close_if_ran_out(row, now)
            row.urge_asked = True
            session.add(row)


def release_question(db: Database, timer_id: int) -> None:
    """Undo `claim_question` when the question could not be put (no notification service):
    it stays open for the next try or the app. The timer stays closed: it did run out."""
    with db.write() as session:
        release_in(session, timer_key(timer_id))
        row = session.get(TimerRow, timer_id)
        if row is not None and row.urge is None:
            row.urge_asked = False
            session.add(row)


def rate_now(
    db: Database, stimulus_id: int, urge: int, now: dt.datetime, source: UrgeSource
) -> UrgeAnswer:
    """An urge rating with no timer waiting for it: a point on the curve, at its own time."""
    check_rating(urge, "urge")
    with db.write() as session:
        stimulus = session.get(StimulusRow, stimulus_id)
        assert stimulus is not None
        session.add(
            UrgeRatingRow(stimulus_id=stimulus_id, rated_at=now, urge=urge, source=source.value)
        )
        return UrgeAnswer(urge, stimulus.name, now, None, False)


def awaiting(db: Database, now: dt.datetime, stimulus_id: int | None = None) -> Timer | None:
    """The most recently ended timer still without any urge answer (for one stimulus, or
    any): it ran out (closed or not yet), and neither an end answer nor a later rating
    names it."""
    answered = select(UrgeRatingRow.timer_id).where(col(UrgeRatingRow.timer_id).is_not(None))
    query = (
        select(TimerRow, StimulusRow.name)
        .join(StimulusRow, col(StimulusRow.id) == col(TimerRow.stimulus_id))
        .where(
            TimerRow.ends_at <= now,
            col(TimerRow.urge).is_(None),
            or_(
                col(TimerRow.end_reason).is_(None),
                col(TimerRow.end_reason) == TimerEnd.RAN_OUT.value,
            ),
            col(TimerRow.id).not_in(answered),
        )
        .order_by(col(TimerRow.ends_at).desc(), col(TimerRow.id).desc())
    )
    if stimulus_id is not None:
        query = query.where(TimerRow.stimulus_id == stimulus_id)
    with db.read() as session:
        found = session.exec(query).first()
        return convert.timer(found[0], found[1]) if found else None


def ratings(db: Database, stimulus_id: int | None = None) -> list[UrgeRating]:
    """Urge ratings given apart from a timer's end, oldest first."""
    query = select(UrgeRatingRow).order_by(col(UrgeRatingRow.rated_at), col(UrgeRatingRow.id))
    if stimulus_id is not None:
        query = query.where(UrgeRatingRow.stimulus_id == stimulus_id)
    with db.read() as session:
        return [
            UrgeRating(r.stimulus_id, r.timer_id, r.rated_at, r.urge, UrgeSource(r.source))
            for r in session.exec(query).all()
        ]


def _close_if_ran_out(row: TimerRow, now: dt.datetime) -> None:
    if row.ended_at is None and row.ends_at <= now:
        row.ended_at = row.ends_at  # stamped with its own end, as the app does
        row.end_reason = TimerEnd.RAN_OUT.value
