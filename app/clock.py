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


def system_now() -> pendulum.DateTime:
    pinned = os.environ.get("TEETER_NOW")
    if pinned:
        return pendulum.parse(pinned).in_timezone(pendulum.local_timezone())  # type: ignore[union-attr]
    return pendulum.now()
