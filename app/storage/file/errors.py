"""Errors a person can act on. Each message names the file and fits on one line."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """An expected problem with the database file, said plainly: always one line, with no
    control characters (a path or an SQLite message may hold newlines or escapes)."""

    def __init__(self, message: str) -> None:
        from app.domain.text import one_line

        super().__init__(one_line(message).strip())


class NotTeeterDatabase(StorageError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}; teeter left it untouched")


class NewerSchema(StorageError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path}: written by a newer teeter (schema {found}, this one knows up to {known}); "
            "upgrade teeter to open it — the file was left untouched"
        )


class ForeignWal(StorageError):
    """A `-wal` beside the journal that is not its own (app.storage.file.journal_wal)."""

    def __init__(self, path: Path, wal: Path, why: str) -> None:
        super().__init__(
            f"{path}: {why}, so teeter will not fold it in and left both files untouched; "
            f"move {wal.name} elsewhere to open the file as it is (a copy put in place by "
            "hand? use teeter backup and teeter restore)"
        )


class DatabaseUnavailable(StorageError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}")


def from_sqlite(path: Path, error: BaseException | None, doing: str) -> DatabaseUnavailable:
    """An SQLite error said as what the person can do about it; `doing` is what failed
    ("cannot be read")."""
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return DatabaseUnavailable(path, "is read-only, so nothing could be saved")
    if "full" in text:
        return DatabaseUnavailable(path, "the disk is full, so nothing could be saved")
    if "locked" in text or "busy" in text:
        return DatabaseUnavailable(path, "stayed busy in another teeter for too long; try again")
    if "malformed" in text or "not a database" in text:
        return DatabaseUnavailable(path, f"is damaged ({text}); nothing was written to it")
    if "disk I/O" in text:
        return DatabaseUnavailable(
            path, f"{doing} (disk I/O error: is the disk full or failing?); nothing was written"
        )
    if "unable to open" in text:
        return DatabaseUnavailable(path, f"{doing} (unable to open it: check its folder)")
    return DatabaseUnavailable(path, f"{doing} ({text})")
