"""How teeter names a SQLite file's parts and opens it read-only: shared by the file's
lifecycle (`files`) and its whole copies (`whole_copy`), which sit side by side."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

BUSY_TIMEOUT_MS = 10_000


def readonly_uri(path: Path) -> str:
    return f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"


def companions(path: Path) -> tuple[Path, ...]:
    return tuple(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))
