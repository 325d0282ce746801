"""`teeter status`: one short line for a shell prompt, or nothing at all.

It runs before every prompt, so it stays close to the cost of starting Python: no Textual,
SQLAlchemy, SQLModel or pendulum (a test checks), plain sqlite3 opened read-only, and it
never creates or changes a file. It never complains either: a missing, foreign or unreadable
database gives an empty line and exit 0 (`teeter timer list` says what is wrong)."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "status",
        help="one short line for a shell prompt: timers and today's check-in",
        description="Print one short line for a shell prompt, e.g. 'coffee 1h12m · check-in "
        "2/4': time left on each spacing timer ('ready' once it has run out) and a check-in "
        "started today but not finished. Prints nothing when there is nothing to say, and "
        "never creates or changes the database.",
    )
    parser.set_defaults(run=run, output="quiet")


def run(args: argparse.Namespace, location: Location) -> int:
    from app import wall_clock
    from app.domain.days import local_day
    from app.domain.status_line import status_line
    from app.storage.file import quick

    now, zone = wall_clock.instant(), wall_clock.local_zone()
    if location.is_file:
        found = quick.snapshot(location.path, lambda hour: local_day(now, zone, hour))
    else:  # psycopg alone, a 2-second connect timeout, silent on any failure
        from app.storage.server import status as server_status

        found = server_status.snapshot(location.url, lambda hour: local_day(now, zone, hour))
    if found is None:
        return 0
    line = status_line(found.timers, found.checkin_steps, now)
    if line:
        _print(line)
    return 0


def _print(line: str) -> None:
    try:
        print(line)
    except UnicodeEncodeError:  # a terminal that cannot show "·"
        print(line.replace("·", "-").encode("ascii", "replace").decode("ascii"))
