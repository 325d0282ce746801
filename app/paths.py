"""Every path teeter uses, computed when asked, never created at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_DB = "TEETER_DB"
DB_NAME = "teeter.db"


def database_path(option: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """`--db PATH` wins, then `TEETER_DB`, then the platform's user data directory."""
    if option:
        return Path(option).expanduser()
    if environ.get(ENV_DB):
        return Path(environ[ENV_DB]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("teeter", appauthor=False) / DB_NAME
