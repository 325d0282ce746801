"""Errors a person can act on. Each message names the file and fits on one line."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """An expected problem with the database file, said plainly."""


class NotTeeterDatabase(StorageError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}; teeter left it untouched")


class NewerSchema(StorageError):
    def __init__(self, path: Path, found: int, known: int) -> None:
        super().__init__(
            f"{path}: written by a newer teeter (schema {found}, this one knows up to {known}); "
            "upgrade teeter to open it — the file was left untouched"
        )


class DatabaseUnavailable(StorageError):
    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}")
