"""The token that guards `teeter serve`, and the session limits: plain Python, no server."""

from __future__ import annotations

import hmac
import stat
from pathlib import Path

import pytest

from app.serve import token as tokens
from app.serve.sessions import SessionRegistry


def test_the_right_token_matches_and_the_compare_is_constant_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert tokens.matches("s3cret-token", "s3cret-token")
    assert not tokens.matches("s3cret-tokeN", "s3cret-token")
    assert calls == [(b"s3cret-token", b"s3cret-token"), (b"s3cret-tokeN", b"s3cret-token")]


@pytest.mark.parametrize("given", [None, "", "wrong", "s3cret-token/", "s3cret-tok", "é", "\udcff"])
def test_a_missing_or_wrong_token_does_not_match(given: str | None) -> None:
    assert not tokens.matches(given, "s3cret-token")


def test_first_use_makes_a_random_owner_only_token_and_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "config" / "teeter" / "serve-token"
    first = tokens.load_or_create(path)
    assert len(first) >= 43  # 32 random bytes, URL-safe
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert tokens.load_or_create(path) == first
    assert tokens.load_or_create(tmp_path / "other") != first


def test_rotating_replaces_the_token_and_the_old_one_stops_matching(tmp_path: Path) -> None:
    path = tmp_path / "serve-token"
    old = tokens.load_or_create(path)
    new = tokens.rotate(path)
    assert new != old
    assert tokens.load_or_create(path) == new
    assert tokens.matches(new, tokens.load_or_create(path))
    assert not tokens.matches(old, tokens.load_or_create(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["serve-token"]  # no partial file left


def test_a_token_file_others_can_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "serve-token"
    tokens.load_or_create(path)
    path.chmod(0o644)
    with pytest.raises(tokens.TokenError, match="can be read by others.*--rotate-token"):
        tokens.load_or_create(path)


def test_a_damaged_token_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "serve-token"
    path.write_text("short\n")
    path.chmod(0o600)
    with pytest.raises(tokens.TokenError, match="damaged.*--rotate-token"):
        tokens.load_or_create(path)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sessions_are_capped_and_a_released_place_can_be_taken_again() -> None:
    registry = SessionRegistry(limit=2, idle_seconds=60, monotonic=FakeMonotonic())
    first, second = registry.reserve(), registry.reserve()
    assert first is not None and second is not None
    assert registry.full
    assert registry.reserve() is None
    registry.release(first)
    assert registry.reserve() is not None


def test_a_session_without_input_for_the_idle_limit_is_idle() -> None:
    clock = FakeMonotonic()
    registry = SessionRegistry(limit=4, idle_seconds=30 * 60, monotonic=clock)
    quiet, busy = registry.reserve(), registry.reserve()
    assert quiet is not None and busy is not None
    clock.now += 29 * 60
    registry.touched(busy)
    assert registry.idle() == []
    clock.now += 2 * 60
    assert registry.idle() == [quiet]
    quiet.closing = True
    assert registry.idle() == []  # already being closed: not asked to close twice


def test_a_wildcard_bind_shows_the_machines_own_addresses_not_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.serve import launch

    monkeypatch.setattr(launch, "_interface_addresses", lambda: ["192.168.1.20", "10.0.0.5"])
    monkeypatch.setattr(launch, "_name_addresses", lambda: ["127.0.1.1", "192.168.1.20"])
    assert launch._shown_hosts("0.0.0.0") == ["192.168.1.20", "10.0.0.5"]
    assert launch._shown_hosts("127.0.0.1") == ["127.0.0.1"]
    assert launch._shown_hosts("laptop.local") == ["laptop.local"]
    monkeypatch.setattr(launch, "_interface_addresses", lambda: [])
    monkeypatch.setattr(launch, "_name_addresses", lambda: ["127.0.1.1"])
    monkeypatch.setattr(launch.socket, "gethostname", lambda: "laptop")
    assert launch._shown_hosts("::") == ["laptop"]
