"""Where a journal lives, as one small value passed from the command line to the app and
to storage's open, instead of a bare `Path` threaded through every layer.

Today there is one kind: a local SQLite file. A new kind (a database server's URL) is a new
`kind` here and a branch where storage opens it; callers that only pass a location along,
or name it in a message (`describe()`), do not change. Code that needs the file itself
(backups, the scrub, the watcher) asks `is_file` first and reads `path`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FILE = "file"


@dataclass(frozen=True)
class Location:
    kind: str
    target: str
    """What names the journal within its kind: for a file, its path (user expanded)."""

    @classmethod
    def file(cls, path: os.PathLike[str] | str) -> Location:
        return cls(FILE, str(Path(path).expanduser()))

    @classmethod
    def of(cls, where: Location | os.PathLike[str] | str) -> Location:
        """A location as given, or a path taken as a file's."""
        return where if isinstance(where, Location) else cls.file(where)

    @property
    def is_file(self) -> bool:
        return self.kind == FILE

    @property
    def path(self) -> Path:
        """The journal's file; only a file location has one."""
        if not self.is_file:
            raise ValueError(f"{self.describe()} is not a file")
        return Path(self.target)

    def describe(self) -> str:
        """The location as messages name it (a file: its path, exactly as given)."""
        return self.target

    def __str__(self) -> str:
        return self.describe()
