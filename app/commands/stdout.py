"""Standard output that never loses bytes quietly.

Python's buffered stdout returns a short count when the disk fills mid-write and nothing
checks it: `teeter export > FILE` on a nearly full disk left a truncated backup and exit 0.
So the shell commands write through `CheckedOutput`, which writes every byte with
`os.write` or raises `OutputFailed`; `app.cli` turns that into one line and the right exit
status (a failure for a command whose output is the result, a note for one that already
saved something: retrying `teeter log` must not log twice).

Standard library only: `teeter status` runs through here before every prompt."""

from __future__ import annotations

import io
import os
import sys


class OutputFailed(Exception):
    """Standard output could not take everything written to it."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


class CheckedOutput(io.RawIOBase):
    """File descriptor 1, written in full or not at all (an error)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return os.isatty(self.fd)

    def write(self, data: bytes) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        try:
            while view:
                view = view[os.write(self.fd, view) :]
        except BrokenPipeError:
            raise  # the reader went away (`teeter report | head`): not a failure to report
        except OSError as error:
            raise OutputFailed(error) from None
        return len(data)

    def sync(self) -> None:
        """When standard output is a file, push it to the disk: a file system may only
        report a full disk then (NFS, some FUSE)."""
        try:
            if _is_regular(self.fd):
                os.fsync(self.fd)
        except OSError as error:
            if error.errno not in (22, 95):  # EINVAL, EOPNOTSUPP: nothing to sync
                raise OutputFailed(error) from None


def _is_regular(fd: int) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(fd).st_mode)


def install() -> None:
    """Route `print` and `sys.stdout.buffer` through a CheckedOutput. Left alone when
    stdout is not a real file descriptor (a test's capture, a closed stdout)."""
    current = sys.stdout
    try:
        fd = current.fileno()
        os.fstat(fd)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return
    current.flush()
    sys.stdout = io.TextIOWrapper(
        CheckedOutput(fd),  # type: ignore[arg-type]
        encoding=current.encoding,
        errors=current.errors,
        write_through=True,
    )


def sync() -> None:
    """Make what was written to stdout durable when it is a file (exports)."""
    raw = getattr(sys.stdout, "buffer", None)
    if isinstance(raw, CheckedOutput):
        raw.sync()
