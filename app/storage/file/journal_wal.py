"""Whether the `-wal` beside a journal belongs to it, decided before SQLite may fold it in.

SQLite trusts any well-formed write-ahead log beside a database: one left over from another
teeter file, or from before the person put back an older copy with `cp`, replaces pages of
the journal with pages of something else (even a read-only command does it, when its
connection closes), and `integrity_check` still says ok. Nothing in a WAL names its
database, so teeter gives each journal one:

- the `journal_identity` table holds one row, `teeter-journal:<32 hex>:<20-digit counter>`,
  fixed-length (so SQLite rewrites it in place), random at creation;
- every write transaction teeter makes adds one to the counter (`BUMP`), so every
  transaction in a WAL carries a copy of that page (`app.storage.file.database`, `files`,
  `forget` all do it; a test checks each writer).

A WAL belongs to the file when each committed copy of that page in it holds the file's
identity, and the file's own counter (read from the main file alone) lies between the
counter just before the WAL's first transaction and its last one. A WAL written on top of
a newer state (an older copy put back) starts above the file's counter; a WAL from another
journal holds another identity or no copy at all. Only committed frames of the WAL's current
generation count (the frames whose salts match the header's).

SQLite also checks each frame's running checksum; this does not (pure Python needs ~50 ms
per MB of log, on every command while teeter is open). Skipping it can only count a torn,
uncommitted last transaction as committed after a crash, which widens the accepted counter
range and never refuses a journal's own log.

Standard library only: `teeter status` uses it too (a few milliseconds for a 4 MB log)."""

from __future__ import annotations

import re
import sqlite3
import struct
import urllib.parse
from pathlib import Path

TABLE = "journal_identity"
PREFIX = "teeter-journal:"
STAMP = re.compile(rb"teeter-journal:([0-9a-f]{32}):([0-9]{20})")
BUMP = (
    f"UPDATE {TABLE} SET stamp = substr(stamp, 1, {len(PREFIX) + 33}) || "
    f"printf('%020d', CAST(substr(stamp, {len(PREFIX) + 34}) AS INTEGER) + 1)"
)
WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER, FRAME_HEADER = 32, 24


def new_stamp() -> str:
    import secrets

    return f"{PREFIX}{secrets.token_hex(16)}:{0:020d}"


def foreign_reason(path: Path) -> str | None:
    """Why the `-wal` beside `path` cannot be trusted, or None when it belongs (or there is
    none, or the file predates identities and there is nothing to compare)."""
    real = path.resolve()  # SQLite keeps the log beside the real file, not a link
    wal = real.with_name(real.name + "-wal")
    try:
        with wal.open("rb") as log:
            header = log.read(WAL_HEADER)
            if len(header) < WAL_HEADER:
                return None  # empty or cut short: SQLite ignores it too
            own = _main_identity(path)
            if own is None:
                return None
            identity, counter, root, page_size = own
            scanned = _committed_stamps(log, header, root, page_size)
    except FileNotFoundError:
        return None  # the writer that owned it finished meanwhile
    except (OSError, sqlite3.Error) as error:
        return f"its write-ahead log cannot be checked ({error})"
    if scanned is None:
        return "its write-ahead log is not one of this file's (another page size)"
    found, has_commits = scanned
    if not found:
        return "its write-ahead log holds changes of another file" if has_commits else None
    if any(stamp_id != identity for stamp_id, _ in found):
        return "its write-ahead log belongs to another teeter file"
    counters = [n for _, n in found]
    if not counters[0] - 1 <= counter <= counters[-1]:
        return "its write-ahead log belongs to another copy of this file (older or newer)"
    return None


def _main_identity(path: Path) -> tuple[str, int, int, int] | None:
    """(identity, counter, root page, page size) from the main file alone: `immutable`
    makes SQLite read the file without its WAL and without creating anything."""
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro&immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        row = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
        ).fetchone()
        if row is None:
            return None
        stamp = conn.execute(f"SELECT stamp FROM {TABLE}").fetchone()
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    match = STAMP.fullmatch(stamp[0].encode()) if stamp and isinstance(stamp[0], str) else None
    if match is None:
        return None
    return match[1].decode(), int(match[2]), int(row[0]), int(page_size)


def _committed_stamps(
    log: object, header: bytes, root: int, page_size: int
) -> tuple[list[tuple[str, int]], bool] | None:
    """Each committed transaction's copy of the identity page, as (identity, counter), in
    order, and whether the WAL holds any committed transaction at all; None for a WAL of
    another page size."""
    magic, _version, wal_page, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", header)
    if magic not in WAL_MAGIC:
        return [], False  # SQLite ignores a log without its magic number
    if _checksum(header[:24], ">" if magic & 1 else "<") != (c0, c1):
        return [], False  # or with a damaged header
    if wal_page != page_size:
        return None
    committed: list[tuple[str, int]] = []
    has_commits = False
    pending: list[tuple[str, int]] = []
    read = log.read  # type: ignore[attr-defined]
    seek = log.seek  # type: ignore[attr-defined]
    while True:
        frame = read(FRAME_HEADER)
        if len(frame) < FRAME_HEADER:
            break
        page_no, commit, f_salt1, f_salt2 = struct.unpack(">4I", frame[:16])
        if (f_salt1, f_salt2) != (salt1, salt2):
            break  # the end of the current generation
        if page_no == root:
            page = read(page_size)
            if len(page) < page_size:
                break
            match = STAMP.search(page)
            if match:
                pending.append((match[1].decode(), int(match[2])))
        else:
            seek(page_size, 1)
        if commit:
            has_commits = True
            committed.extend(pending[-1:])  # the transaction's last copy is what it wrote
            pending = []
    return committed, has_commits


def _checksum(data: bytes, order: str) -> tuple[int, int]:
    """SQLite's WAL checksum: running sums over pairs of 32-bit words."""
    words = struct.unpack(f"{order}{len(data) // 4}I", data)
    mask, s0, s1 = 0xFFFFFFFF, 0, 0
    for index in range(0, len(words), 2):
        s0 = (s0 + words[index] + s1) & mask
        s1 = (s1 + words[index + 1] + s0) & mask
    return s0, s1
