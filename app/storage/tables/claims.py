"""Doing a thing once across every teeter process: a desktop notification sent, an urge
question put to the person. The first process to insert the key does it; the insert is one
statement in a write transaction, so two watchers, a watcher and an open window, or a
restarted watcher can never both win."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from app.storage.file.database import Database
from app.storage.tables.models import ClaimRow


def claim(db: Database, key: str, now: dt.datetime) -> bool:
    """True when this call took `key`; False when someone had already."""
    with db.write() as session:
        return claim_in(session, key, now)


def claim_in(session: Session, key: str, now: dt.datetime) -> bool:
    """`claim`, inside a write transaction the caller holds."""
    dialect = session.connection().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(ClaimRow)
        .values(key=key, claimed_at=now)
        .on_conflict_do_nothing(index_elements=["key"])
    )
    result = session.connection().execute(statement)
    return bool(result.rowcount)


def taken(db: Database, keys: Iterable[str]) -> set[str]:
    """Which of `keys` are claimed already."""
    wanted = list(dict.fromkeys(keys))
    if not wanted:
        return set()
    with db.read() as session:
        return set(session.exec(select(ClaimRow.key).where(col(ClaimRow.key).in_(wanted))).all())


def count(db: Database) -> int:
    with db.read() as session:
        return int(session.exec(select(sa.func.count()).select_from(ClaimRow)).one())


def release(db: Database, key: str) -> None:
    """Give a claim back (the notification could not be delivered), so a later try, here or
    in another watcher, may send it."""
    with db.write() as session:
        release_in(session, key)


def release_in(session: Session, key: str) -> None:
    row = session.get(ClaimRow, key)
    if row is not None:
        session.delete(row)
