"""Bad files: damaged, empty, foreign, newer, a directory, read-only, on a full disk. Each is
refused with one line that names the file, a non-zero exit and no traceback, from the shell
commands and from the app alike; and the file is left exactly as it was."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import os
import resource
import signal
import sqlite3
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest

from app.cli import main
from app.domain.records import ExposureSource
from app.storage.file import schema
from app.storage.file.database import Database
from app.storage.file.errors import DatabaseUnavailable, StorageError
from app.storage.tables import exposures
from tests.conftest import wait_ready
from tests.reliability_helpers import (
    PYTHON,
    REPO,
    assert_one_clean_line,
    env,
    files_in,
    teeter,
    unprivileged,
)

NOW = pendulum.datetime(2026, 11, 24, 9, 30, tz="Europe/Paris")
SHELL_COMMANDS = (
    ["log", "coffee", "-e", "5", "-c", "5"],
    ["timer", "list"],
    ["report"],
    ["export", "--format", "csv"],
)


def make_journal(path: Path, entries: int = 30) -> Path:
    db = Database(path)
    for i in range(entries):
        exposures.log(
            db,
            stimulus=f"s{i % 5}",
            occurred_at=NOW.subtract(hours=i),
            enjoyment=5,
            craving=6,
            note="a note long enough to fill pages " * 40,
            source=ExposureSource.TRACK,
            now=NOW,
        )
    db.close()
    return path


def _damaged_page(path: Path) -> None:
    """A real journal whose exposure and stimulus tables hold garbage pages: the header and
    the schema read fine, the damage shows only when the rows are read."""
    make_journal(path)
    conn = sqlite3.connect(path)
    pages = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 6")]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for page in pages[:6]:
        data[(page - 1) * size : page * size] = b"\xa5" * size
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    make_journal(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _garbage_after_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))


def _other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT, title TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.com', 'x')")
    conn.commit()
    conn.close()


def _newer_teeter(path: Path) -> None:
    make_journal(path, entries=2)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()


BAD: dict[str, Callable[[Path], None]] = {
    "damaged page": _damaged_page,
    "truncated": _truncated,
    "garbage after the header": _garbage_after_header,
    "zero bytes": lambda p: p.write_bytes(b""),
    "a text file": lambda p: p.write_text("dear diary\n"),
    "another program's SQLite": _other_program,
    "a newer teeter's": _newer_teeter,
    "a directory": lambda p: p.mkdir(),
}


@pytest.fixture(params=list(BAD))
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "bad" / "teeter.db"
    path.parent.mkdir()
    BAD[request.param](path)
    return path


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_shell_commands_refuse_a_bad_file_untouched(capsys, bad_file: Path) -> None:  # type: ignore[no-untyped-def]
    before = files_in(bad_file.parent)
    for args in SHELL_COMMANDS:
        code, out, err = run_main(capsys, "--db", str(bad_file), *args)
        assert code == 1, (args, out, err)
        assert_one_clean_line(err, bad_file)
        assert out == ""
    assert files_in(bad_file.parent) == before


def test_opening_the_app_on_a_bad_file_says_one_line(  # type: ignore[no-untyped-def]
    capsys, bad_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`teeter` checks the file before Textual starts: one line, exit 1."""
    from app.ui.app import TeeterApp

    def must_not_run(self: object) -> None:
        raise AssertionError("the app started on a bad file")

    monkeypatch.setattr(TeeterApp, "run", must_not_run)
    before = files_in(bad_file.parent)
    code, out, err = run_main(capsys, "--db", str(bad_file))
    assert code == 1
    assert_one_clean_line(err, bad_file)
    assert files_in(bad_file.parent) == before


async def test_the_headless_app_fails_with_the_message(make_app, bad_file: Path) -> None:  # type: ignore[no-untyped-def]
    before = files_in(bad_file.parent)
    app = make_app(path=bad_file)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if app.failure is not None:
                break
        assert app.db is None
    assert app.failure is not None and str(bad_file) in app.failure
    assert "\n" not in app.failure
    assert files_in(bad_file.parent) == before


# --- read-only: file permissions apply even when the suite runs as root ------------------


@pytest.fixture
def as_user() -> list[str]:
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: permissions cannot be enforced")
    return prefix


def headless(path: Path, prefix: list[str] = [], preexec: Callable[[], None] | None = None):  # type: ignore[no-untyped-def]  # noqa: B006
    """The real App opened headless in a subprocess (so it can be restricted)."""
    done = subprocess.run(
        [*prefix, PYTHON, "-m", "tests.reliability_helpers", "headless", str(path)],
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
        timeout=60,
        preexec_fn=preexec,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@contextlib.contextmanager
def read_only(*paths: Path, mode: int) -> Iterator[None]:
    modes = [p.stat().st_mode for p in paths]
    for p in paths:
        p.chmod(mode)
    try:
        yield
    finally:
        for p, m in zip(paths, modes, strict=True):
            p.chmod(m)


def test_read_only_file(tmp_path: Path, as_user: list[str]) -> None:
    path = make_journal(tmp_path / "teeter.db", entries=3)
    before = files_in(tmp_path)
    with read_only(path, mode=0o444):
        done = teeter(path, "log", "coffee", "-e", "5", "-c", "5", prefix=as_user)
        assert done.returncode == 1, done.stderr
        assert_one_clean_line(done.stderr, path)
        assert "read-only" in done.stderr
        opened = headless(path, as_user)
    assert opened["ready"] is False and str(path) in opened["failure"]
    assert files_in(tmp_path) == before


def test_read_only_directory(tmp_path: Path, as_user: list[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    existing = make_journal(folder / "teeter.db", entries=3)
    before = files_in(folder)
    with read_only(folder, mode=0o555):
        new = folder / "new.db"
        done = teeter(new, "log", "coffee", "-e", "5", "-c", "5", prefix=as_user)
        assert done.returncode == 1
        assert_one_clean_line(done.stderr, new)
        assert "cannot be created" in done.stderr
        done = teeter(existing, "log", "coffee", "-e", "5", "-c", "5", prefix=as_user)
        assert done.returncode == 1
        assert_one_clean_line(done.stderr, existing)
        assert "read-only folder" in done.stderr
        opened = headless(existing, as_user)
        assert opened["ready"] is False and str(existing) in opened["failure"]
    assert files_in(folder) == before


# --- a full disk ---------------------------------------------------------------------------


def file_size_limit(limit: int) -> Callable[[], None]:
    """In the child: files cannot grow past `limit` bytes (writes fail with EFBIG, as on a
    full disk, instead of the default SIGXFSZ kill)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def only_journal_companions_added(before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """The file itself is unchanged. SQLite may leave its journal companions (an empty
    `-wal`, a `-shm` index it rebuilds) when it could not finish opening: no data in them."""
    assert {k: v for k, v in after.items() if k in before} == before
    for name, data in after.items():
        if name not in before:
            assert name.endswith(("-shm", "-wal")), name
            assert name.endswith("-shm") or data == b"", name


def test_full_disk_by_file_size_limit(tmp_path: Path) -> None:
    new = tmp_path / "new" / "teeter.db"
    done = subprocess.run(
        [PYTHON, "-m", "app", "--db", str(new), "log", "coffee", "-e", "5", "-c", "5"],
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
        preexec_fn=file_size_limit(0),
    )
    assert done.returncode == 1
    assert_one_clean_line(done.stderr, new)
    assert not new.exists() and not list(new.parent.iterdir())

    existing = make_journal(tmp_path / "teeter.db", entries=3)
    before = files_in(tmp_path)
    for limit in (4096, 16384):
        done = subprocess.run(
            [PYTHON, "-m", "app", "--db", str(existing), "log", "tea", "-e", "5", "-c", "5"]
            + ["--note", "n" * 1900],
            capture_output=True,
            text=True,
            env=env(),
            cwd=REPO,
            preexec_fn=file_size_limit(limit),
        )
        assert done.returncode == 1, done.stdout
        assert_one_clean_line(done.stderr, existing)
        only_journal_companions_added(before, files_in(tmp_path))
    opened = headless(existing, preexec=file_size_limit(4096))
    assert opened["ready"] is False and str(existing) in opened["failure"]
    only_journal_companions_added(before, files_in(tmp_path))
    assert teeter(existing, "log", "tea", "-e", "5", "-c", "5").returncode == 0  # room again


@contextlib.contextmanager
def small_tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root); the file-size limit test covers it")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_full_disk_on_a_real_small_file_system(tmp_path: Path) -> None:
    with small_tmpfs(tmp_path / "disk", "512k") as disk:
        journal = make_journal(disk / "teeter.db", entries=3)
        filler = disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 1024)
        os.close(fd)
        before = files_in(disk)
        done = teeter(journal, "log", "tea", "-e", "5", "-c", "5", "--note", "n" * 1900)
        assert done.returncode == 1
        assert_one_clean_line(done.stderr, journal)
        only_journal_companions_added(before, files_in(disk))
        new = disk / "new.db"
        done = teeter(new, "log", "tea", "-e", "5", "-c", "5")
        assert done.returncode == 1
        assert_one_clean_line(done.stderr, new)
        assert not new.exists()
        filler.unlink()
        assert teeter(journal, "log", "tea", "-e", "5", "-c", "5").returncode == 0

        # and a read-only file system (the disk remounted read-only, as after an error)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        before = files_in(disk)
        done = teeter(journal, "log", "tea", "-e", "5", "-c", "5")
        assert done.returncode == 1
        assert_one_clean_line(done.stderr, journal)
        assert "read-only" in done.stderr
        assert files_in(disk) == before


# --- an error while the app is running ------------------------------------------------------


async def test_quick_log_shows_a_storage_error_and_keeps_running(  # type: ignore[no-untyped-def]
    make_app, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.screens.quick_log_screen import QuickLogScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("n")
        await pilot.pause()

        def disk_full(*args: object, **kwargs: object) -> None:
            raise DatabaseUnavailable(db_path, "the disk is full, so nothing could be saved")

        monkeypatch.setattr(exposures, "log", disk_full)
        await pilot.press(*"tea", "tab", "tab", "5", "tab", "5", "enter")
        for _ in range(250):  # the save runs off the event loop
            await pilot.pause(0.02)
            if "disk" in str(app.screen.query_one("#form-error").render()):
                break
        assert isinstance(app.screen, QuickLogScreen)
        assert "the disk is full" in str(app.screen.query_one("#form-error").render())
        assert app.is_running


async def test_a_storage_error_mid_session_ends_in_one_line(  # type: ignore[no-untyped-def]
    make_app, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.storage.tables import overview

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)

        def failing(*args: object, **kwargs: object) -> None:
            raise DatabaseUnavailable(db_path, "could not be used (disk I/O error)")

        monkeypatch.setattr(overview, "overview", failing)
        app.data_changed()
        for _ in range(200):  # the app ends itself: wait for it, not for its screens
            if app.failure is not None:
                break
            await asyncio.sleep(0.01)
    assert app.failure is not None and str(db_path) in app.failure
    assert app.return_code == 1


def test_storage_errors_are_one_line_without_controls(tmp_path: Path) -> None:
    odd = tmp_path / f"a\nb\x1b[31m{uuid.uuid4().hex[:4]}.db"
    message = str(StorageError(f"{odd}: is odd\r\nsecond line\x07"))
    assert "\n" not in message and "\x1b" not in message and "\x07" not in message
    assert "\r" not in message


@pytest.mark.parametrize("code", [errno.EPERM, errno.EOPNOTSUPP])
def test_a_file_system_without_hard_links_still_gets_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """FAT and some network shares refuse `link`: the new file is renamed into place."""

    def no_links(*args: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "teeter.db"
    make_journal(path, entries=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["teeter.db"]


def test_a_failing_link_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "link", broken)
    path = tmp_path / "teeter.db"
    with pytest.raises(StorageError, match="cannot be created"):
        Database(path)
    assert list(tmp_path.iterdir()) == []
