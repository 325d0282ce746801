"""How long a writer waits for the journal's write lock, and what it says meanwhile.

SQLite's busy timeout (10 s, `files.BUSY_TIMEOUT_MS`) is right for the app, whose screens
say they are waiting. A shell command has no screen: while a long import holds the lock,
`teeter log` used to fail with "stayed busy" although the README promises several writers
never meet a lock. So `app.cli` gives shell commands more patience and a one-line notice on
stderr; `Database.write` waits in rounds of the busy timeout until the patience runs out.
Standard library only (the CLI sets it before anything heavy is imported)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable

patience_s: float = 0.0
"""Extra seconds to keep waiting after the first busy timeout; 0 in the app."""

notice: Callable[[], None] | None = None
"""Called once, when a write starts waiting beyond the first busy timeout."""


def for_shell(seconds: float, say: Callable[[], None] | None) -> None:
    global patience_s, notice
    patience_s, notice = seconds, say


def is_busy(error: BaseException) -> bool:
    text = str(error)
    return "locked" in text or "busy" in text


def begin_write(conn: sqlite3.Connection) -> None:
    """`BEGIN IMMEDIATE` on a plain sqlite3 connection, waiting in rounds of its busy
    timeout for as long as `patience_s` allows (the shell's write path)."""
    deadline = time.monotonic() + patience_s
    said = False
    while True:
        try:
            conn.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() >= deadline:
                raise
            if not said and notice is not None:
                notice()
                said = True
