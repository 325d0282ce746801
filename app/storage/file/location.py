"""Where a journal lives, as one small value passed from the command line to the app and
to storage's open, instead of a bare `Path` threaded through every layer.

Two kinds: a local SQLite file, and a database on a PostgreSQL server named by its URL
(`postgresql://user@host/dbname`, `app.storage.server.engine`). Callers that only pass a location
along, or name it in a message (`describe()`, never with a password), do not care which.
Code that needs the file itself (backups, the scrub, the watcher) asks `is_file` first and
reads `path`; code that needs the server asks `is_server` and reads `url`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

FILE = "file"
SERVER = "server"


@dataclass(frozen=True)
class Location:
    kind: str
    target: str = field(repr=False)  # a server's URL may hold a password: never in a repr
    """What names the journal within its kind: for a file, its path (user expanded); for a
    server, its URL exactly as given."""

    @classmethod
    def file(cls, path: os.PathLike[str] | str) -> Location:
        return cls(FILE, str(Path(path).expanduser()))

    @classmethod
    def server(cls, url: str) -> Location:
        return cls(SERVER, url)

    @classmethod
    def of(cls, where: Location | os.PathLike[str] | str) -> Location:
        """A location as given; a `postgresql://` URL as a server's; any other path a file's."""
        if isinstance(where, Location):
            return where
        from app.storage.server.url import is_url

        if isinstance(where, str) and is_url(where):
            return cls.server(where)
        return cls.file(where)

    @property
    def is_file(self) -> bool:
        return self.kind == FILE

    @property
    def is_server(self) -> bool:
        return self.kind == SERVER

    @property
    def url(self) -> str:
        """The server journal's URL, password included: for connecting, never for showing."""
        if not self.is_server:
            raise ValueError(f"{self.describe()} is not on a server")
        return self.target

    @property
    def path(self) -> Path:
        """The journal's file; only a file location has one."""
        if not self.is_file:
            raise ValueError(f"{self.describe()} is not a file")
        return Path(self.target)

    def exists(self) -> bool:
        """Whether a journal is there yet, found without creating one: a file on disk, or
        teeter's tables in the server's database (asking the server: a StorageError says
        why it cannot be asked)."""
        if self.is_file:
            return self.path.exists()
        from app.storage.server import engine as server

        engine = server.engine_for(self.target)
        try:
            return server.holds_journal(engine, self.describe())
        finally:
            engine.dispose()

    @property
    def connect_to(self) -> Path | str:
        """What storage's plain openers take: a file's path, or a server's URL."""
        return self.path if self.is_file else self.target

    def describe(self) -> str:
        """The location as messages name it: a file's path, exactly as given; a server's URL
        without its password."""
        if self.is_server:
            from app.storage.server.url import shown

            return shown(self.target)
        return self.target

    def __str__(self) -> str:
        return self.describe()
