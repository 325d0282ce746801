"""Taking a person's data out of teeter and putting it back: the export format's name and
version, how times are written in it, and writing an export file owner-only.

The JSON format (`"format": "teeter-export", "version": 2`) holds every table; records name
their stimulus instead of pointing at an id, so a file can be merged into any database.
The modules: `json_export` (export everything), `csv_export` (exposures as CSV),
`parse` + `checks` (read and check a file into `records`), `merge` (in one write
transaction), `demo` (the demo data set), and `exposure_fields`, the one list of an
exposure's fields that the other modules follow.
Deleting everything is `app.storage.file.forget`."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

FORMAT = "teeter-export"
VERSION = 3
"""2: kinds have substance classes (alcohol, sedative, opioid, nicotine). A version 1 file
still imports: its kinds are read as `lexicon.kind_before_the_split` says.
3: exposures and reframes carry `utc_offset` (`"+05:30"`), the offset where they were lived.
A file of version 1 or 2 gives each entry the offset the importer's zone had at its time."""


class TransferError(Exception):
    """A file that cannot be imported or written. One line, naming the file."""


class OutputExists(TransferError):
    """The export target is already there and `--force` was not given."""


class OutputUnwritable(TransferError):
    """The export target could not be written (a full disk, a read-only folder): a failure
    of the machine, not bad input."""


def encode_time(value: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC with its offset: `2026-11-24T07:30:00+00:00`."""
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat()


def encode_offset(minutes: int | None) -> str | None:
    """Minutes east of UTC as ISO 8601 writes an offset: `+05:30`, `-08:00`."""
    if minutes is None:
        return None
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def encode_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def write_private(path: Path, data: bytes | Iterable[bytes], *, force: bool = False) -> None:
    """Write `data` (bytes, or chunks of bytes as they are produced) to a new owner-only
    (0600) file. An existing file is refused unless `force`; then the new content goes to a
    private temporary file beside it first and replaces the old one in one step, so a
    failure never leaves half an export behind."""
    if path.is_dir():
        raise TransferError(f"{path} is a directory; give a file name for the export")
    if os.path.lexists(path) and not force:
        raise OutputExists(f"{path} already exists; add --force to replace it")
    target = path.with_name(f".{path.name}.teeter-{os.getpid()}.tmp") if force else path
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise OutputExists(f"{path} already exists; add --force to replace it") from None
    except OSError as error:
        raise OutputUnwritable(f"cannot write {path}: {error.strerror}") from None
    chunks = [data] if isinstance(data, bytes) else data
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            os.replace(target, path)
    except OSError as error:
        target.unlink(missing_ok=True)
        raise OutputUnwritable(
            f"cannot write {path} ({error.strerror}); no partial export was left"
        ) from None
    except BaseException:
        target.unlink(missing_ok=True)  # the export itself failed: no half file either
        raise
