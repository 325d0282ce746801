"""Checking one field of an export record. Each check returns the clean value or raises
BadValue saying which field is wrong and why, in words a person can act on."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from app.domain.ratings import RATING_MAX, RATING_MIN
from app.domain.text import NAME_MAX, clean_name, one_line, strip_controls


class BadValue(ValueError):
    """One field that is wrong; `where` says which."""


def records(doc: dict[str, Any], section: str) -> list[tuple[str, dict[str, Any]]]:
    items = doc.get(section, [])
    if items is None:
        return []
    if not isinstance(items, list):
        raise BadValue(f"{section} must be a list")
    out = []
    for index, item in enumerate(items):
        where = f"{section}[{index}]"
        if not isinstance(item, dict):
            raise BadValue(f"{where} must be an object")
        out.append((where, item))
    return out


def missing(key: str, where: str) -> BadValue:
    return BadValue(f"{where}.{key} is missing")


def show(value: Any) -> str:
    """A value quoted for an error line: escaped (no control characters) and short."""
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def name(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str):
        raise missing(key, where) if value is None else BadValue(f"{where}.{key} must be text")
    try:
        return clean_name(value)
    except ValueError:
        raise BadValue(f"{where}.{key} must be a name of 1 to {NAME_MAX} characters") from None


def text(item: dict[str, Any], key: str, where: str, limit: int, *, one_line_only: bool) -> str:
    value = item.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadValue(f"{where}.{key} must be text")
    cleaned = (one_line(value) if one_line_only else strip_controls(value)).strip()
    if len(cleaned) > limit:
        raise BadValue(f"{where}.{key} is longer than {limit} characters")
    return cleaned


def rating(item: dict[str, Any], key: str, where: str, *, required: bool = True) -> Any:
    value = item.get(key)
    if value is None:
        if required:
            raise missing(key, where)
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(f"{where}.{key} must be a whole number from 1 to 10, not {show(value)}")
    if not RATING_MIN <= value <= RATING_MAX:
        raise BadValue(f"{where}.{key} must be from 1 to 10, not {value}")
    return value


def count(
    item: dict[str, Any],
    key: str,
    where: str,
    *,
    minimum: int,
    required: bool = True,
    default: int | None = None,
) -> Any:
    value = item.get(key)
    if value is None:
        if default is not None:
            return default
        if required:
            raise missing(key, where)
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise BadValue(f"{where}.{key} must be a whole number of at least {minimum}")
    return value


def flag(item: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = item.get(key)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise BadValue(f"{where}.{key} must be true or false")
    return value


def choice(
    item: dict[str, Any], key: str, where: str, allowed: list[str], default: str | None
) -> Any:
    value = item.get(key)
    if value is None:
        return default
    if value not in allowed:
        raise BadValue(f"{where}.{key} must be one of {', '.join(allowed)}, not {show(value)}")
    return value


def moment(item: dict[str, Any], key: str, where: str, *, required: bool = True) -> Any:
    value = item.get(key)
    if value is None:
        if required:
            raise missing(key, where)
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise BadValue(f"{where}.{key} must be an ISO 8601 time, not {show(value)}") from None
    if parsed.tzinfo is None:
        raise BadValue(f"{where}.{key} needs a UTC offset (like +00:00): {show(value)}")
    try:
        return parsed.astimezone(dt.UTC)
    except OverflowError:
        raise BadValue(f"{where}.{key} is out of range: {show(value)}") from None


def day(item: dict[str, Any], key: str, where: str) -> dt.date:
    value = item.get(key)
    if value is None:
        raise missing(key, where)
    try:
        if not isinstance(value, str):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadValue(f"{where}.{key} must be a date like 2026-11-24, not {show(value)}") from None


OFFSET_LIMIT = 14 * 60  # no zone is further than 14 hours from UTC


def offset(item: dict[str, Any], key: str, where: str) -> int | None:
    """A UTC offset written `+05:30` / `-08:00`, as minutes east of UTC; None when absent."""
    value = item.get(key)
    if value is None:
        return None
    match = re.fullmatch(r"([+-])(\d{2}):(\d{2})", value) if isinstance(value, str) else None
    minutes = None
    if match is not None and int(match[3]) < 60:
        minutes = (int(match[2]) * 60 + int(match[3])) * (-1 if match[1] == "-" else 1)
    if minutes is None or abs(minutes) > OFFSET_LIMIT:
        raise BadValue(
            f"{where}.{key} must be a UTC offset from -14:00 to +14:00, not {show(value)}"
        )
    return minutes
