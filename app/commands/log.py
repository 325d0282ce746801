"""`teeter log coffee -e 6 -c 8 [--at 14:05] [--note TEXT]`: one exposure from the shell."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys

from app.commands.kinds import add_kind_option

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "log",
        help="log one entry: its enjoyment and its craving",
        description="Log one entry for a pleasure: how much you enjoyed it and how much you "
        "craved more. A pleasure not seen before is created, with the kind its name plainly "
        "is (wine: alcohol) unless --kind says otherwise.",
    )
    # `--at -20m` is a time ago, not an unknown option (argparse's own hook for this)
    parser._negative_number_matcher = re.compile(r"^-\d")
    parser.add_argument("stimulus", help="what you had, e.g. coffee")
    parser.add_argument("-e", "--enjoyment", required=True, metavar="N", help="1-10")
    parser.add_argument("-c", "--craving", required=True, metavar="N", help="wanting more, 1-10")
    parser.add_argument(
        "--at",
        metavar="TIME",
        default="now",
        help="now (default), 14:05 or 2:05pm (the last one that passed), 'yesterday 22:10', "
        "'mon 09:00', '20m ago' or -20m, 'YYYY-MM-DD HH:MM'",
    )
    parser.add_argument("--note", default="", metavar="TEXT")
    add_kind_option(parser)
    parser.set_defaults(run=run, output="confirms")


def run(args: argparse.Namespace, location: Location) -> int:
    from app import wall_clock
    from app.cli import UsageError
    from app.domain.moments import MomentError, parse_moment
    from app.domain.ratings import RatingError, parse_rating
    from app.domain.text import StimulusNameError, clean_name, clean_note
    from app.storage.file.quick import stored_day_start_hour

    now = wall_clock.now()  # pendulum is loaded only for a time other than now (`--at`)
    if location.is_file:  # read-only: bad input must leave no file behind
        hour = stored_day_start_hour(location.path)
    else:
        from app.storage.server.status import stored_day_start_hour as on_server

        hour = on_server(location.url)
    try:
        name = clean_name(args.stimulus)
        enjoyment = parse_rating(args.enjoyment, "enjoyment")
        craving = parse_rating(args.craving, "craving")
        when = parse_moment(args.at, now, hour)
        note = clean_note(args.note)
    except (RatingError, MomentError, StimulusNameError, ValueError) as error:
        raise UsageError(str(error)) from None
    from app.commands.kinds import kind_told, parse_kind

    kind = parse_kind(args.kind)

    from app.domain.records import ExposureSource
    from app.storage.file.shell_write import log_exposure

    # Plain sqlite3, same rows and discipline as the app (see app.storage.file.shell_write):
    # SQLModel's import alone would cost ten times the rest of this command.
    logged = log_exposure(
        location.connect_to,
        stimulus=name,
        occurred_at=when,  # in the zone where it happened: its offset is kept
        enjoyment=enjoyment,
        craving=craving,
        note=note,
        source=ExposureSource.SHELL,
        now=now.astimezone(dt.UTC),
        kind=kind,
    )
    exposure = logged.exposure
    told = kind_told(logged.before, logged.after)
    if told:
        print(told, file=sys.stderr)
    from app.domain.days import local_day
    from app.domain.wording import day_words

    # The day it counts for, as the app's header names it: at 00:49 with days starting at
    # 04:00, an entry at 23:59 or 00:30 belongs to the evening that has not ended yet.
    zone = now.tzinfo or dt.UTC
    day = day_words(local_day(when, zone, hour))
    print(
        f"logged {exposure.stimulus_name}: enjoyment {enjoyment}, craving {craving} "
        f"at {when.astimezone(zone):%H:%M} ({day})",
        file=sys.stdout,
    )
    return 0
