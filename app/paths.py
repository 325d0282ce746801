"""Every path teeter uses, computed when asked, never created at import time."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.storage.file.location import Location

ENV_DB = "TEETER_DB"
DB_NAME = "teeter.db"


class EmptyPath(ValueError):
    """`--db ""` or an empty `TEETER_DB`: almost always an unset variable in a script, so
    it must never quietly mean the default journal (`teeter --db "$DB" forget --yes`)."""


def database_path(option: str | None = None, environ: Mapping[str, str] = os.environ) -> Path:
    """`--db PATH` wins, then `TEETER_DB`, then the platform's user data directory. A given
    but empty path (or one of only spaces) is an error, never the default."""
    if option is not None:
        if not option.strip():
            raise EmptyPath("--db was given an empty path (an unset variable?); nothing was done")
        return Path(option).expanduser()
    if ENV_DB in environ:
        if not environ[ENV_DB].strip():
            raise EmptyPath(
                f"{ENV_DB} is set but empty (unset it to use the default journal); nothing was done"
            )
        return Path(environ[ENV_DB]).expanduser()
    from platformdirs import user_data_path

    return user_data_path("teeter", appauthor=False) / DB_NAME


def database_location(
    option: str | None = None, environ: Mapping[str, str] = os.environ
) -> Location:
    """Where the journal is, from `--db`, `TEETER_DB` or the default (see `database_path`):
    a `postgresql://` URL names a journal on a server, anything else a file. A URL teeter
    will not use (no database named, too little TLS for a remote server) is refused here,
    as a usage error, before anything connects."""
    from app.storage.file.location import Location
    from app.storage.server.url import BadUrl, check, is_url

    given = option if option is not None else environ.get(ENV_DB)
    if given is not None and is_url(given.strip()):
        try:
            return Location.server(check(given.strip(), environ))
        except BadUrl as error:
            raise EmptyPath(f"{error}; nothing was done") from None
    return Location.file(database_path(option, environ))


SERVE_TOKEN_NAME = "serve-token"


def serve_token_path() -> Path:
    """The secret `teeter serve` asks every browser for: one per person, kept in the
    platform's config directory (on Linux `~/.config/teeter/serve-token`), so it does not
    depend on which database is served."""
    from platformdirs import user_config_path

    return user_config_path("teeter", appauthor=False) / SERVE_TOKEN_NAME
