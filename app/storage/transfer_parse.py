"""Reading an export file into plain values, checking every field before anything is
written: a file that is not JSON, not a teeter export, from a newer teeter, or with one bad
field anywhere is refused as a whole, with one line that names the file and the field."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.checkin import StepState
from app.domain.ratings import RATING_MAX, RATING_MIN
from app.domain.records import ExposureSource, Outcome, StimulusKind, TimerEnd
from app.domain.text import NAME_MAX, NOTE_MAX, clean_name, name_key, one_line, strip_controls
from app.storage.transfer import FORMAT, VERSION, TransferError

LABEL_MAX = 300  # as app.storage.reframes
EXPERIMENT_STATES = ("running", "completed", "abandoned")
STEP_FIELDS = ("notice", "track", "space", "reframe")


@dataclass(frozen=True)
class StimulusIn:
    name: str
    key: str
    kind: str
    archived: bool
    created_at: dt.datetime | None


@dataclass(frozen=True)
class ExposureIn:
    stimulus: str  # name_key
    occurred_at: dt.datetime
    enjoyment: int
    craving: int
    note: str
    source: str
    created_at: dt.datetime | None


@dataclass(frozen=True)
class CheckInIn:
    day: dt.date
    steps: dict[str, str]
    started_at: dt.datetime
    completed_at: dt.datetime | None


@dataclass(frozen=True)
class TimerIn:
    stimulus: str
    started_at: dt.datetime
    ends_at: dt.datetime
    ended_at: dt.datetime | None
    end_reason: str | None
    urge: int | None
    urge_asked: bool


@dataclass(frozen=True)
class ReframeIn:
    occurred_at: dt.datetime
    stimulus: str | None
    label: str
    craving_before: int
    craving_after: int | None
    surf_minutes: int | None
    outcome: str | None


@dataclass(frozen=True)
class ExperimentIn:
    first_day: dt.date
    days: int
    state: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    summary: str | None
    stimuli: tuple[str, ...]


@dataclass
class Bundle:
    """A checked export: every record valid, every stimulus a record names listed."""

    stimuli: list[StimulusIn] = field(default_factory=list)
    exposures: list[ExposureIn] = field(default_factory=list)
    checkins: list[CheckInIn] = field(default_factory=list)
    timers: list[TimerIn] = field(default_factory=list)
    reframes: list[ReframeIn] = field(default_factory=list)
    experiments: list[ExperimentIn] = field(default_factory=list)
    settings: dict[str, str] = field(default_factory=dict)


class _Bad(ValueError):
    """One field that is wrong; `where` says which."""


def read_file(path: Path) -> Bundle:
    """The bundle in `path`, or a TransferError naming the file."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise _refused(path, "is a directory, not an export file") from None
    except FileNotFoundError:
        raise TransferError(f"{path}: no such file; nothing was imported") from None
    except OSError as error:
        raise _refused(path, f"cannot be read ({error.strerror})") from None
    return parse(raw, path)


def parse(raw: bytes, path: Path) -> Bundle:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused(path, "is not a teeter export (not UTF-8 text)") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if not text.lstrip().startswith(("{", "[")):
            raise _refused(path, "is not a teeter export (not JSON)") from None
        raise _refused(
            path, f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise _refused(path, "is not a teeter export (nested too deeply)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refused(path, f'is not a teeter export (no "format": "{FORMAT}")')
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _refused(path, f'has no valid "version" (found {_show(version)})')
    if version > VERSION:
        raise TransferError(
            f"{path}: made by a newer teeter (export version {version}; this one reads "
            f"version {VERSION}); upgrade teeter to import it — nothing was imported"
        )
    try:
        return _bundle(document)
    except _Bad as error:
        raise _refused(path, f"has a bad value: {error}") from None


def _refused(path: Path, why: str) -> TransferError:
    return TransferError(f"{path}: {why}; nothing was imported")


def _bundle(doc: dict[str, Any]) -> Bundle:
    bundle = Bundle()
    known: dict[str, StimulusIn] = {}
    for where, item in _records(doc, "stimuli"):
        name = _name(item, "name", where)
        stimulus = StimulusIn(
            name=name,
            key=name_key(name),
            kind=_choice(item, "kind", where, [k.value for k in StimulusKind], "other"),
            archived=_bool(item, "archived", where, False),
            created_at=_time(item, "created_at", where, required=False),
        )
        if stimulus.key in known:
            raise _Bad(f"{where}.name {_show(name)} repeats {_show(known[stimulus.key].name)}")
        known[stimulus.key] = stimulus
        bundle.stimuli.append(stimulus)

    def stimulus_key(item: dict[str, Any], key: str, where: str) -> str:
        """A stimulus a record names; one not listed in "stimuli" is added."""
        name = _name(item, key, where)
        if name_key(name) not in known:
            known[name_key(name)] = StimulusIn(name, name_key(name), "other", False, None)
            bundle.stimuli.append(known[name_key(name)])
        return name_key(name)

    sources = [s.value for s in ExposureSource]
    for where, item in _records(doc, "exposures"):
        bundle.exposures.append(
            ExposureIn(
                stimulus=stimulus_key(item, "stimulus", where),
                occurred_at=_time(item, "occurred_at", where),
                enjoyment=_rating(item, "enjoyment", where),
                craving=_rating(item, "craving", where),
                note=_text(item, "note", where, NOTE_MAX, one_line_only=False),
                source=_choice(item, "source", where, sources, ExposureSource.IMPORT.value),
                created_at=_time(item, "created_at", where, required=False),
            )
        )
    days: set[dt.date] = set()
    states = [s.value for s in StepState]
    for where, item in _records(doc, "checkins"):
        day = _day(item, "day", where)
        if day in days:
            raise _Bad(f"{where}.day {day} appears twice")
        days.add(day)
        bundle.checkins.append(
            CheckInIn(
                day=day,
                steps={step: _choice(item, step, where, states, "pending") for step in STEP_FIELDS},
                started_at=_time(item, "started_at", where),
                completed_at=_time(item, "completed_at", where, required=False),
            )
        )
    ends = [e.value for e in TimerEnd]
    for where, item in _records(doc, "timers"):
        bundle.timers.append(
            TimerIn(
                stimulus=stimulus_key(item, "stimulus", where),
                started_at=_time(item, "started_at", where),
                ends_at=_time(item, "ends_at", where),
                ended_at=_time(item, "ended_at", where, required=False),
                end_reason=_choice(item, "end_reason", where, ends, None),
                urge=_rating(item, "urge", where, required=False),
                urge_asked=_bool(item, "urge_asked", where, False),
            )
        )
    outcomes = [o.value for o in Outcome]
    for where, item in _records(doc, "reframes"):
        label = _text(item, "label", where, LABEL_MAX, one_line_only=True)
        if not label:
            raise _Bad(f"{where}.label is empty")
        named = item.get("stimulus")
        bundle.reframes.append(
            ReframeIn(
                occurred_at=_time(item, "occurred_at", where),
                stimulus=stimulus_key(item, "stimulus", where) if named is not None else None,
                label=label,
                craving_before=_rating(item, "craving_before", where),
                craving_after=_rating(item, "craving_after", where, required=False),
                surf_minutes=_count(item, "surf_minutes", where, minimum=0, required=False),
                outcome=_choice(item, "outcome", where, outcomes, None),
            )
        )
    for where, item in _records(doc, "experiments"):
        names = item.get("stimuli", [])
        if not isinstance(names, list):
            raise _Bad(f"{where}.stimuli must be a list of names")
        keys = tuple(
            dict.fromkeys(stimulus_key({"name": n}, "name", f"{where}.stimuli") for n in names)
        )
        summary = item.get("summary")
        if summary is not None and not isinstance(summary, str):
            raise _Bad(f"{where}.summary must be text or null")
        bundle.experiments.append(
            ExperimentIn(
                first_day=_day(item, "first_day", where),
                days=_count(item, "days", where, minimum=1, default=3),
                state=_choice(item, "state", where, list(EXPERIMENT_STATES), "running"),
                started_at=_time(item, "started_at", where),
                ended_at=_time(item, "ended_at", where, required=False),
                summary=summary,
                stimuli=keys,
            )
        )
    settings = doc.get("settings", {})
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        raise _Bad("settings must be an object of text values")
    for key, value in settings.items():
        if not isinstance(value, str):
            raise _Bad(f"settings.{key} must be text")
        bundle.settings[key] = value
    return bundle


def _records(doc: dict[str, Any], section: str) -> list[tuple[str, dict[str, Any]]]:
    items = doc.get(section, [])
    if items is None:
        return []
    if not isinstance(items, list):
        raise _Bad(f"{section} must be a list")
    out = []
    for index, item in enumerate(items):
        where = f"{section}[{index}]"
        if not isinstance(item, dict):
            raise _Bad(f"{where} must be an object")
        out.append((where, item))
    return out


def _missing(key: str, where: str) -> _Bad:
    return _Bad(f"{where}.{key} is missing")


def _show(value: Any) -> str:
    """A value quoted for an error line: escaped (no control characters) and short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _name(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str):
        raise _missing(key, where) if value is None else _Bad(f"{where}.{key} must be text")
    try:
        return clean_name(value)
    except ValueError:
        raise _Bad(f"{where}.{key} must be a name of 1 to {NAME_MAX} characters") from None


def _text(item: dict[str, Any], key: str, where: str, limit: int, *, one_line_only: bool) -> str:
    value = item.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise _Bad(f"{where}.{key} must be text")
    cleaned = (one_line(value) if one_line_only else strip_controls(value)).strip()
    if len(cleaned) > limit:
        raise _Bad(f"{where}.{key} is longer than {limit} characters")
    return cleaned


def _rating(item: dict[str, Any], key: str, where: str, *, required: bool = True) -> Any:
    value = item.get(key)
    if value is None:
        if required:
            raise _missing(key, where)
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{where}.{key} must be a whole number from 1 to 10, not {_show(value)}")
    if not RATING_MIN <= value <= RATING_MAX:
        raise _Bad(f"{where}.{key} must be from 1 to 10, not {value}")
    return value


def _count(
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
            raise _missing(key, where)
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _Bad(f"{where}.{key} must be a whole number of at least {minimum}")
    return value


def _bool(item: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise _Bad(f"{where}.{key} must be true or false")
    return value


def _choice(
    item: dict[str, Any], key: str, where: str, allowed: list[str], default: str | None
) -> Any:
    value = item.get(key)
    if value is None:
        return default
    if value not in allowed:
        raise _Bad(f"{where}.{key} must be one of {', '.join(allowed)}, not {_show(value)}")
    return value


def _time(item: dict[str, Any], key: str, where: str, *, required: bool = True) -> Any:
    value = item.get(key)
    if value is None:
        if required:
            raise _missing(key, where)
        return None
    try:
        if not isinstance(value, str):
            raise ValueError
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{where}.{key} must be an ISO 8601 time, not {_show(value)}") from None
    if moment.tzinfo is None:
        raise _Bad(f"{where}.{key} needs a UTC offset (like +00:00): {_show(value)}")
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise _Bad(f"{where}.{key} is out of range: {_show(value)}") from None


def _day(item: dict[str, Any], key: str, where: str) -> dt.date:
    value = item.get(key)
    if value is None:
        raise _missing(key, where)
    try:
        if not isinstance(value, str):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{where}.{key} must be a date like 2026-11-24, not {_show(value)}") from None
