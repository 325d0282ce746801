"""`teeter timer start|list|stop`: spacing timers from the shell.

A timer stores its end time, so it keeps running whether or not teeter is open. Listing never
closes a timer that ran out: its urge question is asked by the app, `teeter watch` or
answered with `teeter urge`, which close it then."""

from __future__ import annotations

import argparse
import re
import sys

from app.commands.kinds import add_kind_option

TYPE_CHECKING = False  # not `from typing import ...`: `teeter status` loads this module too
if TYPE_CHECKING:
    import datetime as dt

    import pendulum

    from app.domain.records import Timer
    from app.storage.file.database import Database
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "timer",
        help="spacing timers: start, list, stop",
        description="Spacing timers: leave a gap before the next time so the balance can "
        "reset. A timer keeps running whether or not teeter is open.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    start = actions.add_parser(
        "start",
        help="start a timer: no next one before it ends",
        description="Start a spacing timer. An unknown stimulus is created, with the kind "
        "its name plainly is (wine: alcohol) unless --kind says otherwise. For a substance "
        "a word of care is printed on stderr first. teeter is not medical advice.",
    )
    # `-1h` is a (bad) duration, not an unknown option: let it reach parse_duration, which
    # says plainly that a duration must be longer than zero.
    start._negative_number_matcher = re.compile(r"^-\d")  # argparse's own hook for this
    start.add_argument("stimulus", help="what you are spacing, e.g. coffee")
    start.add_argument("duration", help="hours and minutes: 30m, 90m, 2h, 2h30m, '1h 15m'")
    add_kind_option(start)
    start.set_defaults(run=run_start, output="confirms")

    listing = actions.add_parser(
        "list",
        help="active timers, and the ones that ended today",
        description="Show active timers with the time left and when they end, then the "
        "timers that ended today and how.",
    )
    listing.set_defaults(run=run_list)

    stop = actions.add_parser(
        "stop",
        help="end a stimulus's timer now (or cancel one set by mistake)",
        description="End a stimulus's running timer now. It is recorded as ended early; "
        "with --cancel it is recorded as cancelled instead (a timer set by mistake), which "
        "does not count as ending early and is not asked about.",
    )
    stop.add_argument("stimulus", help="the stimulus whose timer to end")
    stop.add_argument(
        "--cancel",
        action="store_true",
        help="it was a mistake: record it as cancelled, not as ended early",
    )
    stop.set_defaults(run=run_stop, output="confirms")


def run_start(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.clock import system_now
    from app.commands.kinds import kind_told, parse_kind
    from app.domain.durations import DurationError, format_duration, parse_duration
    from app.domain.text import StimulusNameError, clean_name

    now = system_now()
    try:
        name = clean_name(args.stimulus)
        duration = parse_duration(args.duration)
    except (DurationError, StimulusNameError) as error:
        raise UsageError(str(error)) from None
    kind = parse_kind(args.kind)

    from app.domain.safety import guidance
    from app.storage.file.database import Database
    from app.storage.tables import settings, stimuli, timers

    db = Database(location)
    try:
        hour = settings.day_start_hour(db)
        known = stimuli.find(db, name)
        if known is not None:
            for held in timers.active(db):
                if held.stimulus_id == known.id and not held.has_run_out(now):
                    raise UsageError(_already_running(held, now, hour))
        care = guidance(kind or (known.kind if known else None), name)
        if care.notice:  # before the timer starts, on stderr: stdout stays the one line
            print(care.notice_with_disclaimer, file=sys.stderr)
        try:
            timer = timers.start(db, name, duration, now.in_timezone("UTC"), kind)
        except timers.AlreadyRunning as running:  # started elsewhere a moment ago
            raise UsageError(_already_running(running.timer, now, hour)) from None
        stimulus = stimuli.find(db, timer.stimulus_name)
    finally:
        db.close()
    told = kind_told(known, stimulus)
    if told:
        print(told, file=sys.stderr)
    print(
        f"{timer.stimulus_name}: next one not before {_when(timer.ends_at, now, hour)} "
        f"({format_duration(duration)})"
    )
    return 0


def run_list(args: argparse.Namespace, location: Location) -> int:
    from app.clock import system_now, zone_of

    now = system_now()
    if not location.exists():  # nothing to list, and listing must not create the file
        print("no active timers")
        return 0

    from app.domain.days import day_bounds, local_day
    from app.storage.file.database import Database
    from app.storage.tables import settings, timers

    db = Database(location)
    try:
        active = timers.active(db)
        hour = settings.day_start_hour(db)
        zone = zone_of(now)
        assert zone is not None
        start, end = day_bounds(local_day(now, zone, hour), zone, hour)
        ended = timers.ended_between(db, start, end)
    finally:
        db.close()

    lines = _table([(timer.stimulus_name, _active_line(timer, now, hour)) for timer in active])
    print("\n".join(lines) if lines else "no active timers")
    if ended:
        print("ended today:")
        for line in _table(
            [(timer.stimulus_name, _ended_line(timer, now, hour)) for timer in ended]
        ):
            print(f"  {line}")
    return 0


def run_stop(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.clock import system_now
    from app.domain.text import StimulusNameError, clean_name

    now = system_now()
    try:
        name = clean_name(args.stimulus)
    except StimulusNameError as error:
        raise UsageError(str(error)) from None
    nothing = f"no timer is running for {name} (see: teeter timer list)"
    if not location.exists():
        raise UsageError(nothing)

    from app.domain.records import TimerEnd
    from app.storage.file.database import Database
    from app.storage.tables import settings, stimuli, timers

    how = TimerEnd.CANCELLED if args.cancel else TimerEnd.ENDED_EARLY
    db = Database(location)
    try:
        hour = settings.day_start_hour(db)
        stimulus = stimuli.find(db, name)
        if stimulus is None:
            raise UsageError(nothing)
        open_timers = [timer for timer in timers.active(db) if timer.stimulus_id == stimulus.id]
        # Ending early needs a timer still running; a cancelled mistake may have run out too
        # (then it is never asked about).
        chosen = [timer for timer in open_timers if args.cancel or not timer.has_run_out(now)]
        ended = [
            finished
            for timer in chosen
            if (finished := timers.finish(db, timer.id, how, now)) is not None
        ]
        support_text = _support_due(db, now) if ended and not args.cancel else None
    finally:
        db.close()
    if ended:
        planned = max(timer.ends_at for timer in ended)
        if args.cancel:
            print(
                f"{stimulus.name}: timer cancelled (it was set until {_when(planned, now, hour)}); "
                "not counted as ended early"
            )
            return 0
        print(
            f"{stimulus.name}: timer ended at {_when(now, now, hour)} "
            f"(it was set until {_when(planned, now, hour)})"
        )
        if support_text is not None:
            print(support_text, file=sys.stderr)
        return 0
    ran_out = [timer for timer in open_timers if timer.has_run_out(now)]
    if ran_out:
        print(
            f"{stimulus.name}: the timer already ran out at "
            f"{_when(ran_out[-1].ends_at, now, hour)}"
            f", so there is nothing to stop; how strong is the craving now? teeter urge "
            f"{_quote(stimulus.name)} N"
        )
        return 0
    raise UsageError(nothing)


def _support_due(db: Database, now: pendulum.DateTime) -> str | None:
    """The support notice, worded for a terminal, when an early end completes a hard week
    and it is due; recorded as seen, since stderr is where the person is looking."""
    from app.clock import zone_of
    from app.domain.days import local_day
    from app.domain.safety import NOT_MEDICAL_ADVICE, SUPPORT_INTRO
    from app.domain.text import strip_controls
    from app.storage.tables import settings, support

    today = local_day(now, zone_of(now), settings.day_start_hour(db))
    help_text = support.due_text(db, now, today)
    if help_text is None:
        return None
    support.mark_seen(db, today)
    return f"{SUPPORT_INTRO}\n{strip_controls(help_text)}\n{NOT_MEDICAL_ADVICE}"


def _already_running(held: Timer, now: pendulum.DateTime, hour: int) -> str:
    from app.domain.durations import format_duration

    return (
        f"{held.stimulus_name} already has a timer running until "
        f"{_when(held.ends_at, now, hour)} ({format_duration(held.remaining(now))} left); "
        f"end it first with: teeter timer stop {_quote(held.stimulus_name)}"
    )


def _active_line(timer: Timer, now: pendulum.DateTime, hour: int) -> str:
    from app.domain.durations import format_duration

    if timer.has_run_out(now):
        return (
            f"ran out at {_when(timer.ends_at, now, hour)}; how strong is the craving now? "
            f"teeter urge {_quote(timer.stimulus_name)} N"
        )
    return f"{format_duration(timer.remaining(now))} left, until {_when(timer.ends_at, now, hour)}"


def _ended_line(timer: Timer, now: pendulum.DateTime, hour: int) -> str:
    from app.domain.records import TimerEnd

    assert timer.ended_at is not None
    if timer.end_reason is TimerEnd.ENDED_EARLY:
        planned = _when(timer.ends_at, now, hour)
        line = f"ended at {_when(timer.ended_at, now, hour)} (set until {planned})"
    elif timer.end_reason is TimerEnd.CANCELLED:
        line = f"cancelled at {_when(timer.ended_at, now, hour)}"
    else:
        line = f"ran out at {_when(timer.ended_at, now, hour)}"
    if timer.urge is not None:
        line += f", craving {timer.urge}/10"
    return line


def _table(rows: list[tuple[str, str]]) -> list[str]:
    """Names in a column, so the times line up: padded by terminal cells, so 咖啡 or an
    emoji (two cells each) does not push its row out."""
    from app.domain.wording import cell_width, pad_cells

    width = max((cell_width(name) for name, _ in rows), default=0)
    return [f"{pad_cells(name, width)}  {text}" for name, text in rows]


def _quote(name: str) -> str:
    import shlex

    return shlex.quote(name)


def _when(instant: dt.datetime, now: pendulum.DateTime, hour: int) -> str:
    """A local clock time, with its practice day when that is not today (`23:30 yesterday`,
    `02:00 tomorrow`, `Mon 30 Nov 14:05`): the days the app's header names."""
    from app.clock import zone_of
    from app.domain.wording import moment_words

    return moment_words(instant, now, zone_of(now), hour)
