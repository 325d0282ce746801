"""Server URLs: never shown with a password, and TLS required off this machine."""

from __future__ import annotations

import pytest

from app.storage.server import url as server_url
from app.storage.server.url import BadUrl


def test_a_url_is_told_from_a_path() -> None:
    assert server_url.is_url("postgresql://me@host/teeter")
    assert server_url.is_url("POSTGRES://me@host/teeter")
    assert not server_url.is_url("teeter.db")
    assert not server_url.is_url("./postgresql:/x")


@pytest.mark.parametrize(
    "url,shown",
    [
        ("postgresql://me:s3cret@db.example/teeter", "postgresql://me@db.example/teeter"),
        (
            "postgresql://me@/teeter?host=/run/pg&password=s3cret",
            "postgresql://me@/teeter?host=/run/pg",
        ),
        (
            "postgresql://me:p%40ss@h:5433/j?sslmode=require",
            "postgresql://me@h:5433/j?sslmode=require",
        ),
    ],
)
def test_the_password_is_never_shown(url: str, shown: str) -> None:
    assert server_url.shown(url) == shown


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://me@/teeter",
        "postgresql://me@/teeter?host=/run/postgresql",
        "postgresql://me@localhost/teeter",
        "postgresql://me@127.0.0.1:5432/teeter?sslmode=disable",
        "postgresql://me@[::1]/teeter",
    ],
)
def test_a_local_server_needs_no_tls(url: str) -> None:
    assert server_url.tls_mode(url, environ={}) is None


def test_a_remote_server_gets_tls_and_a_weaker_mode_is_refused() -> None:
    assert server_url.tls_mode("postgresql://me@db.example/t", environ={}) == "require"
    assert server_url.tls_mode("postgresql://me@db.example/t?sslmode=verify-full", environ={}) == (
        "verify-full"
    )
    with pytest.raises(BadUrl, match="unencrypted") as raised:
        server_url.tls_mode("postgresql://me:s3cret@db.example/t?sslmode=prefer", environ={})
    assert "s3cret" not in str(raised.value)
    # no host in the URL: PGHOST decides where it goes
    assert server_url.tls_mode("postgresql://me@/t", environ={"PGHOST": "db.example"}) == "require"


def test_a_url_must_name_its_database() -> None:
    with pytest.raises(BadUrl, match="name the database"):
        server_url.check("postgresql://me@db.example")
