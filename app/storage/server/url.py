"""A journal on a PostgreSQL server, named by a URL: `postgresql://user@host/dbname`.

Standard library only (the command line reads it before anything heavy is imported). What
it decides: whether a location is a URL at all, how a URL is shown (never with its
password), whether the server is local (a Unix socket or loopback), and that a server
anywhere else is reached over TLS (`sslmode=require` or stronger): libpq's own default,
`prefer`, quietly falls back to plain text, so teeter asks for `require` when the URL does
not say, and refuses a weaker mode it names."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SCHEMES = ("postgresql", "postgres")
STRONG_TLS = ("require", "verify-ca", "verify-full")
LOCAL_NAMES = ("localhost",)


class BadUrl(ValueError):
    """A URL teeter will not use; its message is one line, without the password."""


def is_url(text: str) -> bool:
    """True for `postgresql://…` or `postgres://…` (any case): a server journal."""
    scheme, sep, _ = text.partition("://")
    return bool(sep) and scheme.lower() in SCHEMES


def shown(url: str) -> str:
    """The URL as teeter prints it: without a password, in the user part or the query."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query, safe="/"), ""))


def hosts(url: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    """Every host the URL reaches: its own, a `?host=` in the query, else `PGHOST`, else
    libpq's default (the local Unix socket, said as "")."""
    parts = urlsplit(url)
    found: list[str] = []
    if parts.hostname:
        found.append(parts.hostname)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in ("host", "hostaddr"):
            found.extend(value.split(","))
    if not found:
        found.extend(environ.get("PGHOST", "").split(","))
    return found or [""]


def is_local(host: str) -> bool:
    """A Unix socket (no host, or a folder path) or a loopback address."""
    if not host or host.startswith("/") or host.startswith("@"):
        return True
    if host.lower() in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def tls_mode(url: str, environ: Mapping[str, str] = os.environ) -> str | None:
    """The `sslmode` to connect with: None (libpq's own choice) for a local server, else
    `require` or the stronger mode the URL names. Raises BadUrl for a weaker one."""
    named = dict(parse_qsl(urlsplit(url).query)).get("sslmode") or environ.get("PGSSLMODE")
    if all(is_local(host) for host in hosts(url, environ)):
        return None
    if named is None:
        return "require"
    if named not in STRONG_TLS:
        raise BadUrl(
            f"{shown(url)}: sslmode={named} would let your journal cross the network "
            f"unencrypted; use sslmode=require (or verify-full) for a server that is not "
            "on this machine"
        )
    return named


def check(url: str, environ: Mapping[str, str] = os.environ) -> str:
    """`url` when teeter can use it; BadUrl (one line, no password) when not."""
    parts = urlsplit(url)
    if not parts.path.strip("/"):
        raise BadUrl(f"{shown(url)}: name the database, e.g. postgresql://me@host/teeter")
    tls_mode(url, environ)
    return url


def has_password(url: str) -> bool:
    parts = urlsplit(url)
    return parts.password is not None or "password" in dict(parse_qsl(parts.query))
