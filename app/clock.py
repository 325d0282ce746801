""" "Now", in one place. `TEETER_NOW` (an ISO 8601 time) pins it for tests and demos."""

from __future__ import annotations

import os
from collections.abc import Callable

import pendulum

Clock = Callable[[], pendulum.DateTime]
Zone = pendulum.Timezone | pendulum.FixedTimezone


def zone_of(now: pendulum.DateTime) -> Zone:
    """The zone a "now" is in: the person's zone, UTC if it carries none."""
    return now.timezone or pendulum.UTC


def local_zone() -> Zone:
    """The machine's zone (what `pendulum.local_timezone()` returns; called through its
    module so type checkers see the function, not the module of the same name)."""
    from pendulum.tz.local_timezone import get_local_timezone

    return get_local_timezone()


def system_now() -> pendulum.DateTime:
    pinned = os.environ.get("TEETER_NOW")
    if pinned:
        parsed = pendulum.parse(pinned)
        if not isinstance(parsed, pendulum.DateTime):
            raise ValueError(f"TEETER_NOW={pinned!r} is not a date and time")
        return parsed.in_timezone(local_zone())
    return pendulum.now()
