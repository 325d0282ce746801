"""Shared fixtures: every test runs on its own temporary database at a frozen "now" in a fixed
zone, and nothing can reach the person's real data directory or the wall clock."""

from __future__ import annotations

import asyncio
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
    + " FROM checkin)"
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
def db(db_path: Path):  # type: ignore[no-untyped-def]
    from app.storage.file.database import Database

    database = Database(db_path)
    yield database
    database.close()


@pytest.fixture
def make_app(db_path: Path, clock: MovableClock) -> Callable[..., object]:
    from app import TeeterApp

    def make(**kwargs: object) -> TeeterApp:
        return TeeterApp(kwargs.pop("path", db_path), clock=kwargs.pop("clock", clock))

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
