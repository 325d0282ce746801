"""The secret that guards `teeter serve`. It is random, made on first use, stored owner-only
and compared in constant time, so neither a guess nor a timing measurement gets a stranger
into someone's journal."""

from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

TOKEN_BYTES = 32  # 256 bits: beyond any guessing over a network
_SHAPE = re.compile(r"[A-Za-z0-9_-]{32,128}")


class TokenError(Exception):
    """The token file cannot be used: one line saying why and what to do."""


def matches(given: str | None, expected: str) -> bool:
    """Whether a request's token is the secret. `hmac.compare_digest` takes the same time
    wherever the first difference is; a missing token simply does not match."""
    if not given:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), expected.encode())


def load_or_create(path: Path) -> str:
    """The stored token, or a new one written owner-only if there is none yet."""
    if not path.exists():
        return rotate(path)
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise TokenError(f"cannot read the token file {path} ({error})") from None
    if mode & 0o077:
        raise TokenError(
            f"the token file {path} can be read by others; run `teeter serve --rotate-token` "
            "to replace it with a new, owner-only one"
        )
    if not _SHAPE.fullmatch(text):
        raise TokenError(
            f"the token file {path} is damaged; run `teeter serve --rotate-token` for a new one"
        )
    return text


def rotate(path: Path) -> str:
    """A new token replaces the old one at once: links made with the old one stop working.
    It is written to a fresh owner-only file and renamed into place, so the secret is never
    readable by others, not even for a moment."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.new")
        partial.unlink(missing_ok=True)  # left by a crash: never trusted, never reused
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(token + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        raise TokenError(f"cannot write the token file {path} ({error.strerror})") from None
    return token
