"""Now and here, with the standard library: what a shell command needs before it writes.

pendulum's import costs a shell command more than everything else it does (about a third of
`teeter log`), so `teeter log` and `teeter status` read the time and the machine's zone here.
There is still one rule for each:

- now is `TEETER_NOW` when set (an ISO 8601 time; without an offset it is UTC, as pendulum
  reads it), else the system clock, as `app.clock.system_now` reads them;
- the zone is pendulum's when pendulum is loaded (the app, and tests that set pendulum's
  local zone), else the same settings read in the same order as pendulum reads them: `TZ`,
  then `/etc/timezone`, then where `/etc/localtime` points. Anything else, such as a `TZ`
  rule string, is left to pendulum itself. `tests/test_wall_clock.py` holds the two
  together in fresh processes."""

from __future__ import annotations

import datetime as dt
import os
import sys
import zoneinfo

ETC = "/etc"


def local_zone() -> dt.tzinfo:
    """The machine's time zone, with its rules (a day-start hour falls on either side of a
    clock change), never just today's offset."""
    if "pendulum" not in sys.modules:
        found = _read_settings()
        if found is not None:
            return found
    from pendulum.tz.local_timezone import get_local_timezone

    return get_local_timezone()


def now() -> dt.datetime:
    """The current instant in the machine's zone."""
    return instant().astimezone(local_zone())


def instant() -> dt.datetime:
    """Now as aware UTC: `TEETER_NOW` when set, else the system clock. A pinned value the
    standard library cannot read goes to `app.clock.system_now`, which reads it with
    pendulum; so both read every value alike."""
    pinned = os.environ.get("TEETER_NOW")
    if not pinned:
        return dt.datetime.now(dt.UTC)
    try:
        parsed = dt.datetime.fromisoformat(pinned.strip())
    except ValueError:
        from app.clock import system_now

        return system_now().astimezone(dt.UTC)
    if parsed.tzinfo is None:  # pendulum reads a time without an offset as UTC
        return parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def _read_settings() -> zoneinfo.ZoneInfo | None:
    """The zone the settings name, or None to leave the question to pendulum."""
    setting = os.environ.get("TZ")
    if setting:
        key = setting.removeprefix(":")
        if os.path.isfile(key):  # a zone file named by its path
            return None
        return _zone(key)
    try:
        with open(f"{ETC}/timezone", "rb") as named:
            text = named.read()
    except OSError:
        text = None
    if text is not None:
        if text.startswith(b"TZif2"):
            return None
        key = text.strip().decode(errors="replace").partition(" ")[0].partition("#")[0]
        return _zone(key.replace(" ", "_"))
    if any(os.path.exists(f"{ETC}/{name}") for name in ("sysconfig/clock", "conf.d/clock")):
        return None
    link = f"{ETC}/localtime"
    if not (os.path.islink(link) and os.path.isfile(link)):
        return None
    parts = os.path.realpath(link).replace(" ", "_").split("/")
    for first in range(len(parts) - 1, 0, -1):  # the shortest ending that names a zone
        found = _zone("/".join(parts[first:]))
        if found is not None:
            return found
    return None


def _zone(key: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(key)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return None
