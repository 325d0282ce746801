"""`teeter remind at 20:30 | off | quiet 22:00-07:00 | quiet off`: the daily check-in
reminder, sent by `teeter watch` only when today's check-in is not complete, at most once a
day, never in quiet hours. Without arguments it says what is set."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location

USAGE = "use: teeter remind at HH:MM | off | quiet HH:MM-HH:MM | quiet off"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "remind",
        usage="teeter remind [at HH:MM | off | quiet HH:MM-HH:MM | quiet off]",
        help="a daily check-in reminder: at HH:MM, off, quiet hours",
        description="A daily reminder of the check-in, sent by 'teeter watch' only when "
        "today's check-in is not complete and never in quiet hours. Examples: teeter remind "
        "at 20:30; teeter remind off; teeter remind quiet 22:00-07:00; teeter remind quiet off.",
    )
    parser.add_argument("words", nargs="*", metavar="at HH:MM | off | quiet RANGE|off")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.domain.reminders import QuietHours, ReminderError, parse_clock

    words = [w.lower() for w in args.words]
    try:  # read everything before the file is opened: bad input writes nothing
        change: tuple[str, str | None] | None
        match words:
            case []:
                change = None
            case ["off"]:
                change = ("at", None)
            case ["at", clock]:
                change = ("at", parse_clock(clock).strftime("%H:%M"))
            case ["quiet", "off"]:
                change = ("quiet", None)
            case ["quiet", hours]:
                change = ("quiet", str(QuietHours.parse(hours)))
            case _:
                raise UsageError(USAGE)
    except ReminderError as error:
        raise UsageError(str(error)) from None

    from app.storage.file.database import Database
    from app.storage.tables import notify_settings

    if change is None and not location.exists():
        print(_describe(None, None))
        return 0
    db = Database(location)
    try:
        if change is not None:
            what, value = change
            if what == "at":
                notify_settings.put_reminder_at(db, value)
            else:
                notify_settings.put_quiet_hours(db, value)
        current = notify_settings.reminder(db)
    finally:
        db.close()
    print(_describe(current.at, current.quiet))
    return 0


def _describe(at, quiet) -> str:  # type: ignore[no-untyped-def]
    line = (
        f"check-in reminder at {at:%H:%M}, when today's check-in is not complete"
        if at is not None
        else "no check-in reminder"
    )
    if quiet is not None:
        line += f"; quiet hours {quiet}"
    if at is not None:
        line += " (sent by teeter watch)"
    return line
