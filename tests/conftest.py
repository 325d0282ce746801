"""Shared fixtures: every test runs on its own temporary database at a frozen "now" in a fixed
zone, and nothing can reach the person's real data directory or the wall clock."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest

PARIS = pendulum.timezone("Europe/Paris")
FROZEN = pendulum.datetime(2026, 11, 24, 9, 30, tz=PARIS)

CHECKIN_STEPS = (
    "(SELECT checkin.*, "
    + ", ".join(
        f"coalesce((SELECT state FROM checkin_step WHERE checkin_id = checkin.id"
        f" AND step = '{step}'), 'pending') AS {step}"
        for step in ("notice", "track", "space", "reframe")
    )
    + " FROM checkin) AS checkin_steps"  # an alias: PostgreSQL 15 needs one
)
"""The check-ins with one column per step, as a test reads them in SQL (`FROM {CHECKIN_STEPS}`):
the steps are rows of `checkin_step` (none: pending) since schema step 6."""


class MovableClock:
    """The one clock of the suite: `clock()` is what the app sees as now. Made by the `clock`
    fixture it also pins `TEETER_NOW`, so shell commands run in the test (in process or as
    a subprocess) see the same now, whatever the wall clock says."""

    def __init__(
        self, now: pendulum.DateTime = FROZEN, pin: Callable[[str], None] | None = None
    ) -> None:
        self._pin = pin
        self.now = now

    @property
    def now(self) -> pendulum.DateTime:
        return self._now

    @now.setter
    def now(self, value: pendulum.DateTime) -> None:
        self._now = value
        if self._pin is not None:
            self._pin(value.isoformat())

    def __call__(self) -> pendulum.DateTime:
        return self._now

    def set(self, when: str | pendulum.DateTime) -> pendulum.DateTime:
        """Move to `when` (an ISO 8601 time, read in the local zone when it has no offset)."""
        if isinstance(when, str):
            when = pendulum.parse(when, tz=pendulum.local_timezone())  # type: ignore[assignment]
        self.now = pendulum.instance(when).in_timezone(pendulum.local_timezone())
        return self.now

    def advance(self, **delta: float) -> None:
        self.now = self.now.add(**delta)  # type: ignore[arg-type]


def _no_network(*args: object, **kwargs: object) -> None:
    raise AssertionError("teeter tried to use the network; it must never do so")


LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}


def _is_loopback(host: object) -> bool:
    import ipaddress

    if isinstance(host, bytes):
        host = host.decode()
    if not isinstance(host, str):
        return False
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole suite runs with outgoing connections refused (asyncio's own socketpair
    never calls connect, so Textual is unaffected)."""
    import socket

    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setattr(socket, "getaddrinfo", _no_network)


@pytest.fixture
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """For `teeter serve` tests: connections to this machine's loopback are allowed, every
    other address is still refused (the server under test must never reach out)."""
    import socket

    def connect(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            _no_network()
        return _REAL["connect"](self, address)

    def connect_ex(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else None
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            _no_network()
        return _REAL["connect_ex"](self, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        if host is not None and not _is_loopback(host):
            _no_network()
        return _REAL["getaddrinfo"](host, *args, **kwargs)

    def create_connection(address: tuple[str, int], *args: object, **kwargs: object) -> object:
        if not _is_loopback(address[0]):
            _no_network()
        return _REAL["create_connection"](address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)


def _real_socket_functions() -> dict[str, Callable[..., object]]:
    import socket

    return {
        "connect": socket.socket.connect,
        "connect_ex": socket.socket.connect_ex,
        "getaddrinfo": socket.getaddrinfo,
        "create_connection": socket.create_connection,
    }


_REAL = _real_socket_functions()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Every test: its own database, the zone Europe/Paris (for pendulum and the C library,
    whatever TZ the suite was started with) and now frozen at FROZEN through `TEETER_NOW`,
    so no test reads the wall clock; the `clock` fixture moves it."""
    monkeypatch.setenv("TEETER_DB", str(tmp_path / "env-default.db"))
    monkeypatch.setenv("TEETER_NOW", FROZEN.isoformat())
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # serve's token lives here
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    pendulum.set_local_timezone(PARIS)
    yield
    pendulum.set_local_timezone()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "teeter.db"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> MovableClock:
    return MovableClock(FROZEN, pin=lambda iso: monkeypatch.setenv("TEETER_NOW", iso))


@pytest.fixture
def db(where: str):  # type: ignore[no-untyped-def]
    """An open journal, on each engine in turn (see `where`): every test that takes it
    runs once on a SQLite file and once on the PostgreSQL test server."""
    from app.storage.file.database import Database

    database = Database(where)
    yield database
    database.close()


@pytest.fixture
def file_db(db_path: Path):  # type: ignore[no-untyped-def]
    """An open journal in a SQLite file, for what only a file has (its PRAGMAs, its -wal)."""
    from app.storage.file.database import Database

    database = Database(db_path)
    yield database
    database.close()


@pytest.fixture
def make_app(
    request: pytest.FixtureRequest, db_path: Path, clock: MovableClock
) -> Callable[..., object]:
    """Makes the app on the test's journal: the engine's (`where`) when the test runs on
    both, else the file at `db_path`."""
    from app import TeeterApp

    journal = request.getfixturevalue("where") if "where" in request.fixturenames else db_path

    def make(**kwargs: object) -> TeeterApp:
        return TeeterApp(kwargs.pop("path", journal), clock=kwargs.pop("clock", clock))

    return make


async def wait_ready(app, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait until the app has opened its database and drawn the data."""
    for _ in range(1000):  # 20 s: a shared, loaded machine can take seconds to import
        if app.db is not None:
            break
        await asyncio.sleep(0.02)
    assert app.db is not None, "the database did not open"
    await pilot.pause()
    await pilot.pause()


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let keys land and background work finish: screens save and look up in thread
    workers, off the event loop, so one pause does not see a save land. The check-in's own
    walk (an async worker that lasts the whole check-in) is not waited for."""
    from textual.worker import WorkerCancelled

    for _ in range(3):
        await pilot.pause()
        for worker in [w for w in pilot.app.workers if w.group != "checkin"]:
            # cancelled: a look-up replaced by a newer one, or the work of a screen that left
            with contextlib.suppress(WorkerCancelled):
                await worker.wait()
    await pilot.pause()


class HeldLock:
    """Another process's write transaction, holding the journal's write lock (an import, a
    second teeter) until `release()`."""

    def __init__(self, journal: Path | str) -> None:
        self.conn = hold_write_lock(journal)

    def release(self) -> None:
        self.conn.rollback()
        self.conn.close()


async def until(condition, seconds: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Wait for `condition()`, giving the event loop its turns (never a fixed sleep)."""
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the condition never held")


# --- both engines -----------------------------------------------------------------------
ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_cluster():  # type: ignore[no-untyped-def]
    """One throwaway PostgreSQL server for the whole run (`tests/pg_server.py`)."""
    from tests import pg_server

    why = pg_server.unavailable()
    if why is not None:
        pytest.skip(f"no PostgreSQL server for the tests: {why}")
    cluster = pg_server.Cluster()
    try:
        cluster.start()
    except BaseException:
        cluster.close()
        raise
    yield cluster
    cluster.close()


@pytest.fixture
def pg_url(pg_cluster) -> str:  # type: ignore[no-untyped-def]
    """A URL to a fresh, empty database of its own on the test server."""
    return str(pg_cluster.url(pg_cluster.new_database()))


@pytest.fixture(params=ENGINES)
def where(request: pytest.FixtureRequest, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The journal, on each engine in turn: a file, then a database on the test server.
    `TEETER_DB` names it too, so shell commands run by the test use it."""
    location = str(db_path) if request.param == "sqlite" else request.getfixturevalue("pg_url")
    monkeypatch.setenv("TEETER_DB", location)
    return location


def query(journal: str | Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    """Rows of `sql` read straight from the journal, past teeter's own code: with sqlite3
    from a file, with psycopg from a server (`where`). A server's values come back as the
    file stores them (a time as UTC text to the microsecond, a day as `YYYY-MM-DD`, a flag
    as 0 or 1), so one assertion holds for both engines: the same instant, the same day."""
    from app.storage.server.url import is_url

    if isinstance(journal, str) and is_url(journal):
        import psycopg

        with psycopg.connect(journal, options="-c TimeZone=UTC") as conn:
            found = conn.execute(sql).fetchall()  # type: ignore[arg-type]
        return [tuple(_as_in_a_file(value) for value in row) for row in found]
    import sqlite3

    conn = sqlite3.connect(journal)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def hold_write_lock(journal: str | Path):  # type: ignore[no-untyped-def]
    """Another writer holding the journal's write lock until `.rollback()`: SQLite's
    `BEGIN IMMEDIATE`, or on a server the write counter's row (`app.storage.server.BUMP`)."""
    from app.storage.server.url import is_url

    if isinstance(journal, str) and is_url(journal):
        import psycopg

        from app.storage.server.engine import BUMP

        conn = psycopg.connect(journal)
        conn.execute(BUMP)
        return conn
    import sqlite3

    conn = sqlite3.connect(journal, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def _as_in_a_file(value: object) -> object:
    import datetime as dt

    if isinstance(value, dt.datetime):
        utc = value.astimezone(dt.UTC) if value.tzinfo else value
        return utc.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def journal_exists(journal: str | Path) -> bool:
    """Whether a journal is there: its file, or teeter's tables in the server's database."""
    from app.storage.server.url import is_url

    if isinstance(journal, str) and is_url(journal):
        found = query(
            journal,
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename = 'teeter_schema'",
        )
        return bool(found[0][0])
    return Path(journal).exists()


def journal_digest(journal: str | Path) -> str:
    """A fingerprint of every row of every table of the journal, on either engine: equal
    before and after means nothing was written (not even the write counter)."""
    import hashlib

    from app.storage.file.schema import SCHEMA_VERSION, expected_shape

    rows = []
    for table in sorted(expected_shape(SCHEMA_VERSION)):
        rows.append(table)
        rows.extend(repr(row) for row in query(journal, f'SELECT * FROM "{table}" ORDER BY 1'))
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


def log_in_paris(  # type: ignore[no-untyped-def]
    db, name: str, local: str, enjoyment: int = 6, craving: int = 4, note: str = ""
) -> None:
    """One exposure logged from the shell at `local`, a Paris wall time (`2026-11-24 08:00`),
    as the tests' frozen day sees it."""
    from app.domain.records import ExposureSource
    from app.storage.tables import exposures

    exposures.log(
        db,
        stimulus=name,
        occurred_at=pendulum.parse(local, tz=PARIS).in_timezone("UTC"),
        enjoyment=enjoyment,
        craving=craving,
        note=note,
        source=ExposureSource.SHELL,
        now=FROZEN,
    )
