"""Checking one field of an export record. Each check returns the clean value or raises
BadValue saying which field is wrong and why, in words a person can act on."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from app.domain import bounds
from app.domain.ratings import RATING_MAX, RATING_MIN
from app.domain.text import NAME_MAX, NOTE_MAX, clean_name, one_line, strip_controls


class BadValue(ValueError):
    """One field that is wrong; `where` says which."""


def records(doc: dict[str, Any], section: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each record of a section, handed over once: the section is taken out of the
    document and each record let go as it is read, so the parsed file and the checked
    records are not both held whole (memory stays a small multiple of the file)."""
    items = doc.pop(section, [])
    if items is None:
        return
    if not isinstance(items, list):
        raise BadValue(f"{section} must be a list")
    for index in range(len(items)):
        item, items[index] = items[index], None
        where = f"{section}[{index}]"
        if not isinstance(item, dict):
            raise BadValue(f"{where} must be an object")
        yield where, item


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
    maximum: int,
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
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise BadValue(f"{where}.{key} must be a whole number from {minimum} to {maximum}")
    return value


SETTING_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


def setting_key(key: str) -> str:
    if not SETTING_KEY.fullmatch(key):
        raise BadValue(f"settings has a key that is not a setting name: {show(key)}")
    return key


def setting_value(key: str, value: Any) -> str:
    """A setting's value: text without controls, and the known settings in their own form
    (an hour 0-23, a date), so nothing read back later can fail or steer the terminal."""
    where = f"settings.{key}"
    if not isinstance(value, str):
        raise BadValue(f"{where} must be text")
    cleaned = strip_controls(value).strip() if key == "help_text" else one_line(value).strip()
    if len(cleaned) > NOTE_MAX:
        raise BadValue(f"{where} is longer than {NOTE_MAX} characters")
    if key == "day_start_hour" and not (cleaned.isdigit() and 0 <= int(cleaned) <= 23):
        raise BadValue(f"{where} must be an hour from 0 to 23, not {show(value)}")
    if key.endswith("_at"):
        day({"d": cleaned}, "d", where)
    return cleaned


def summary(item: dict[str, Any], key: str, where: str) -> str | None:
    """An experiment's stored summary: null, or one teeter can read, written back in its
    own clean form (names sanitised, nothing else carried along)."""
    from app.domain.experiment import Summary, SummaryError

    value = item.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 200_000:
        raise BadValue(f"{where}.{key} must be a stored summary or null")
    try:
        return Summary.from_json(value).to_json()
    except SummaryError:
        raise BadValue(f"{where}.{key} is not a summary teeter can read") from None


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
        utc = parsed.astimezone(dt.UTC)
    except OverflowError:
        raise BadValue(f"{where}.{key} is out of range: {show(value)}") from None
    if not bounds.within(utc):
        raise BadValue(f"{where}.{key} must be within the years {bounds.SPAN}: {show(value)}")
    return utc


def day(item: dict[str, Any], key: str, where: str) -> dt.date:
    value = item.get(key)
    if value is None:
        raise missing(key, where)
    try:
        if not isinstance(value, str):
            raise ValueError
        found = dt.date.fromisoformat(value)
    except ValueError:
        raise BadValue(f"{where}.{key} must be a date like 2026-11-24, not {show(value)}") from None
    if not bounds.within(found):
        raise BadValue(f"{where}.{key} must be within the years {bounds.SPAN}: {show(value)}")
    return found


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
