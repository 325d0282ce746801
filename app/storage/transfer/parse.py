"""Reading an export file into plain values, checking every field before anything is
written: a file that is not JSON, not a teeter export, from a newer teeter, or with one bad
field anywhere is refused as a whole, with one line that names the file and the field."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from app.domain.checkin import STEPS, StepState
from app.domain.experiment import MAX_EXPERIMENT_DAYS
from app.domain.lexicon import default_kind, kind_before_the_split
from app.domain.plausible import ImplausibleTime, check_recorded
from app.domain.records import Outcome, StimulusKind, TimerEnd
from app.domain.text import name_key
from app.domain.urges import UrgeSource
from app.storage.transfer import FORMAT, VERSION, TransferError, exposure_fields
from app.storage.transfer import checks as check
from app.storage.transfer.checks import BadValue
from app.storage.transfer.records import (
    EXPERIMENT_STATES,
    LABEL_MAX,
    Bundle,
    CheckInIn,
    ExperimentIn,
    ExposureIn,
    ReframeIn,
    StimulusIn,
    TimerIn,
    UrgeIn,
)

__all__ = ["Bundle", "parse", "read_file"]


MAX_IMPORT_BYTES = 64 * 1024 * 1024
"""The largest export teeter reads: ten years of thirty entries a day is about 25 MB. Checked
before reading, since parsing JSON takes several times a file's size in memory."""


def read_file(path: Path, now: dt.datetime | None = None) -> Bundle:
    """The bundle in `path`, or a TransferError naming the file. With `now`, every entry's
    time must be one `teeter log` would accept too (not in the future, not before 2000)."""
    try:
        if not path.is_dir() and not path.is_file() and path.exists():
            raise _refused(path, "is not a regular file (a pipe or a device?)")
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise _refused(
                path,
                f"is {size // (1024 * 1024)} MB, larger than any teeter export "
                f"({MAX_IMPORT_BYTES // (1024 * 1024)} MB at most)",
            )
        with path.open("rb") as handle:
            raw = [handle.read(MAX_IMPORT_BYTES + 1)]  # a list, so parse can let it go
    except IsADirectoryError:
        raise _refused(path, "is a directory, not an export file") from None
    except FileNotFoundError:
        raise TransferError(f"{path}: no such file; nothing was imported") from None
    except OSError as error:
        raise _refused(path, f"cannot be read ({error.strerror})") from None
    if len(raw[0]) > MAX_IMPORT_BYTES:  # it grew since stat
        raise _refused(path, "is larger than any teeter export")
    return parse(raw, path, now)


def parse(raw: bytes | list[bytes], path: Path, now: dt.datetime | None = None) -> Bundle:
    """`raw` may come in a one-item list that is emptied here, so the bytes are freed as
    soon as they are decoded: parsing needs several times the file's size in memory."""
    data = raw.pop() if isinstance(raw, list) else raw
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused(path, "is not a teeter export (not UTF-8 text)") from None
    del data
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        if not text.lstrip().startswith(("{", "[")):
            raise _refused(path, "is not a teeter export (not JSON)") from None
        raise _refused(
            path, f"is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise _refused(path, "is not a teeter export (nested too deeply)") from None
    except ValueError as error:  # a number of thousands of digits, NaN, Infinity
        raise _refused(path, f"is not a teeter export ({error})") from None
    del text
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _refused(path, f'is not a teeter export (no "format": "{FORMAT}")')
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _refused(path, f'has no valid "version" (found {check.show(version)})')
    if version > VERSION:
        raise TransferError(
            f"{path}: made by a newer teeter (export version {version}; this one reads "
            f"version {VERSION}); upgrade teeter to import it — nothing was imported"
        )
    try:
        bundle = _bundle(document, version)
        if now is not None:
            _check_times(bundle, now)
        return bundle
    except BadValue as error:
        raise _refused(path, f"has a bad value: {error}") from None


def _check_times(bundle: Bundle, now: dt.datetime) -> None:
    """The same rule as a typed time (`app.domain.plausible`): an entry dated 2099 or 1900
    is a mistake in the file, not something that happened."""
    sections: list[tuple[str, list[Any], str]] = [
        ("exposures", bundle.exposures, "occurred_at"),
        ("reframes", bundle.reframes, "occurred_at"),
        ("timers", bundle.timers, "started_at"),
        ("checkins", bundle.checkins, "started_at"),
    ]
    for section, items, key in sections:
        for index, item in enumerate(items):
            moment = getattr(item, key)
            try:
                check_recorded(moment, now, f"{section}[{index}].{key} {moment.isoformat()}")
            except ImplausibleTime as error:
                raise BadValue(str(error)) from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number teeter reads")


def _refused(path: Path, why: str) -> TransferError:
    return TransferError(f"{path}: {why}; nothing was imported")


def _kind(item: dict[str, Any], where: str, name: str, version: int) -> str:
    """The kind as written; a file without one gets the kind the name plainly is, and a
    version 1 file's kinds are read as they would have been upgraded in a database."""
    default = default_kind(name).value
    kind = StimulusKind(check.choice(item, "kind", where, [k.value for k in StimulusKind], default))
    return (kind_before_the_split(kind, name) if version < 2 else kind).value


def _bundle(doc: dict[str, Any], version: int = VERSION) -> Bundle:
    bundle = Bundle()
    known: dict[str, StimulusIn] = {}
    for where, item in check.records(doc, "stimuli"):
        name = check.name(item, "name", where)
        stimulus = StimulusIn(
            name=name,
            key=name_key(name),
            kind=_kind(item, where, name, version),
            archived=check.flag(item, "archived", where, False),
            created_at=check.moment(item, "created_at", where, required=False),
        )
        if stimulus.key in known:
            raise BadValue(
                f"{where}.name {check.show(name)} repeats {check.show(known[stimulus.key].name)}"
            )
        known[stimulus.key] = stimulus
        bundle.stimuli.append(stimulus)

    def stimulus_key(item: dict[str, Any], key: str, where: str) -> str:
        """A stimulus a record names; one not listed in "stimuli" is added."""
        name = check.name(item, key, where)
        found = known.get(name_key(name))
        if found is None:
            kind = default_kind(name).value
            found = known[name_key(name)] = StimulusIn(name, name_key(name), kind, False, None)
            bundle.stimuli.append(found)
        return found.key  # one string shared by every record naming it

    for where, item in check.records(doc, "exposures"):
        key = stimulus_key(item, exposure_fields.STIMULUS, where)
        values = tuple(f.check(item, f.name, where) for f in exposure_fields.VALUES)
        bundle.exposures.append(ExposureIn(key, values))
    days: set[dt.date] = set()
    states = [s.value for s in StepState]
    for where, item in check.records(doc, "checkins"):
        day = check.day(item, "day", where)
        if day in days:
            raise BadValue(f"{where}.day {day} appears twice")
        days.add(day)
        bundle.checkins.append(
            CheckInIn(
                day=day,
                steps={
                    step.value: check.choice(item, step.value, where, states, "pending")
                    for step in STEPS
                },
                started_at=check.moment(item, "started_at", where),
                completed_at=check.moment(item, "completed_at", where, required=False),
            )
        )
    ends = [e.value for e in TimerEnd]
    for where, item in check.records(doc, "timers"):
        ended_at = check.moment(item, "ended_at", where, required=False)
        bundle.timers.append(
            TimerIn(
                stimulus=stimulus_key(item, "stimulus", where),
                started_at=check.moment(item, "started_at", where),
                ends_at=check.moment(item, "ends_at", where),
                ended_at=ended_at,
                end_reason=check.choice(item, "end_reason", where, ends, None),
                urge=check.rating(item, "urge", where, required=False),
                # A file that does not say: an ended timer is history, not a question to ask.
                urge_asked=check.flag(item, "urge_asked", where, ended_at is not None),
            )
        )
    sources = [source.value for source in UrgeSource]
    for where, item in check.records(doc, "urges"):  # absent from exports before 0.2
        bundle.urges.append(
            UrgeIn(
                stimulus=stimulus_key(item, "stimulus", where),
                rated_at=check.moment(item, "rated_at", where),
                urge=check.rating(item, "urge", where),
                source=check.choice(item, "source", where, sources, UrgeSource.APP.value),
                timer_started_at=check.moment(item, "timer_started_at", where, required=False),
            )
        )
    outcomes = [o.value for o in Outcome]
    for where, item in check.records(doc, "reframes"):
        label = check.text(item, "label", where, LABEL_MAX, one_line_only=True)
        if not label:
            raise BadValue(f"{where}.label is empty")
        named = item.get("stimulus")
        bundle.reframes.append(
            ReframeIn(
                occurred_at=check.moment(item, "occurred_at", where),
                stimulus=stimulus_key(item, "stimulus", where) if named is not None else None,
                label=label,
                craving_before=check.rating(item, "craving_before", where),
                craving_after=check.rating(item, "craving_after", where, required=False),
                surf_minutes=check.count(
                    item, "surf_minutes", where, minimum=0, maximum=24 * 60, required=False
                ),
                outcome=check.choice(item, "outcome", where, outcomes, None),
                utc_offset=check.offset(item, "utc_offset", where),
            )
        )
    for where, item in check.records(doc, "experiments"):
        names = item.get("stimuli", [])
        if not isinstance(names, list):
            raise BadValue(f"{where}.stimuli must be a list of names")
        keys = tuple(
            dict.fromkeys(stimulus_key({"name": n}, "name", f"{where}.stimuli") for n in names)
        )
        bundle.experiments.append(
            ExperimentIn(
                first_day=check.day(item, "first_day", where),
                days=check.count(
                    item, "days", where, minimum=1, maximum=MAX_EXPERIMENT_DAYS, default=3
                ),
                state=check.choice(item, "state", where, list(EXPERIMENT_STATES), "running"),
                started_at=check.moment(item, "started_at", where),
                ended_at=check.moment(item, "ended_at", where, required=False),
                summary=check.summary(item, "summary", where),
                stimuli=keys,
            )
        )
    settings = doc.get("settings", {})
    if settings is None:
        settings = {}
    if not isinstance(settings, dict):
        raise BadValue("settings must be an object of text values")
    for key, value in settings.items():
        bundle.settings[check.setting_key(key)] = check.setting_value(key, value)
    return bundle
