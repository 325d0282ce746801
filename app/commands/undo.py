"""`teeter undo`: take back the exposure the shell logged last, shortly after logging it.

It acts without showing a list first, so it reaches back only `SHELL_UNDO_WINDOW` (see
`app.domain.undo` for why); it prints what it removed. Older entries are fixed in the app's
log, and a timer started by mistake is cancelled with `teeter timer stop NAME --cancel`."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # not `from typing import ...`: a shell command imports what it uses
if TYPE_CHECKING:
    from app.clock import Zone
    from app.domain.records import Exposure
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from app.domain.undo import SHELL_UNDO_WINDOW

    minutes = int(SHELL_UNDO_WINDOW.total_seconds() // 60)
    parser = subparsers.add_parser(
        "undo",
        help=f"remove the entry you last logged from the shell (within {minutes} minutes)",
        description=f"Remove the entry `teeter log` recorded last, if that was less than "
        f"{minutes} minutes ago, and say which it was. Older entries: edit or delete them in "
        "the app's log (l). A timer started by mistake: teeter timer stop NAME --cancel.",
    )
    parser.set_defaults(run=run, output="confirms")


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.clock import system_now, zone_of
    from app.domain.undo import SHELL_UNDO_WINDOW

    now = system_now()
    minutes = int(SHELL_UNDO_WINDOW.total_seconds() // 60)
    nothing = "nothing to undo: no entry was logged from the shell"
    if not location.exists():  # never create a file just to find it empty
        raise UsageError(nothing)

    from app.domain.records import ExposureSource
    from app.storage.file.database import Database
    from app.storage.tables import settings
    from app.storage.tables.corrections import NothingToUndo, undo_latest_from

    db = Database(location)
    try:
        hour = settings.day_start_hour(db)
        undone = undo_latest_from(db, ExposureSource.SHELL, now, SHELL_UNDO_WINDOW)
    except NothingToUndo as refused:
        if refused.latest is None or refused.made_at is None:
            raise UsageError(nothing) from None
        raise UsageError(
            f"nothing to undo: the last entry logged from the shell "
            f"({_describe(refused.latest, zone_of(now), hour)}) was logged more than {minutes} "
            "minutes ago, further than undo reaches; change or delete it in the app's log (l)"
        ) from None
    finally:
        db.close()
    print(f"removed {_describe(undone.exposure, zone_of(now), hour)}")
    if undone.stimulus_removed:  # a new name (a typo?) that now has nothing recorded
        print(f"removed the stimulus {undone.exposure.stimulus_name} too: that log had created it")
    return 0


def _describe(exposure: Exposure, zone: Zone, day_start_hour: int) -> str:
    """What was logged, named by the practice day it counts for (the app's header's day)."""
    import pendulum

    from app.domain.days import local_day
    from app.domain.wording import day_words

    local = pendulum.instance(exposure.occurred_at).in_timezone(zone)
    day = day_words(local_day(exposure.occurred_at, zone, day_start_hour))
    return (
        f"{exposure.stimulus_name}: enjoyment {exposure.enjoyment}, craving {exposure.craving} "
        f"at {local.format('HH:mm')} ({day})"
    )
