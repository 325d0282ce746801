"""`forget` on a server journal: every row of the journal deleted in one write transaction.

What a file can promise (its freed pages zeroed, its log truncated) a server cannot: the
deleted rows stay in the server's own data files until PostgreSQL reuses that space, and
its backups, WAL archives and replicas are outside teeter's reach. So this deletes what
teeter can and the command says plainly what it cannot (`SERVER_LIMITS`)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import SQLModel

import app.storage.tables.models  # noqa: F401  (registers every table)
from app.storage.file.database import Database

SERVER_LIMITS = (
    "the server's own backups, WAL archives and replicas are outside teeter's reach "
    "(ask whoever runs the server), and the deleted rows stay in its data files until "
    "PostgreSQL reuses that space"
)


def forget_rows(db: Database) -> int:
    """Delete every row teeter keeps (children first), leaving an empty journal of the
    same schema; the number of rows deleted."""
    deleted = 0
    with db.write() as session:
        conn = session.connection()
        for table in reversed(SQLModel.metadata.sorted_tables):
            result = conn.execute(sa.delete(table))
            deleted += max(result.rowcount or 0, 0)
    return deleted
