"""`teeter urge [STIMULUS] N`: answer "how strong is the craving now?" from the shell.

It answers the most recently ended timer that has no answer yet (for that stimulus, or any
when no name is given), exactly as the app's question or a notification's buttons would:
within ten minutes of the end it is the timer's end-of-timer answer, later it is kept as a
rating of its own with its own time. Once answered, no window asks again."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "urge",
        usage="teeter urge [STIMULUS] N",
        help="answer 'how strong is the craving now?' for a timer that ran out",
        description="Rate how strong the craving is now, 1-10, for the timer that ran out most "
        "recently (of STIMULUS, when named). Without a timer waiting, a named stimulus gets "
        "a craving rating of its own, at this time.",
    )
    parser.add_argument("words", nargs="+", metavar="[STIMULUS] N", help="e.g. coffee 6, or just 6")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.clock import system_now
    from app.domain.ratings import RatingError, parse_rating
    from app.domain.text import StimulusNameError, clean_name

    now = system_now()
    *names, rating = args.words
    if len(names) > 1:
        raise UsageError("give the stimulus as one argument (quote a name with spaces)")
    try:
        urge = parse_rating(rating, "the craving")
        name = clean_name(names[0]) if names else None
    except (RatingError, StimulusNameError) as error:
        raise UsageError(str(error)) from None
    waiting = "no timer is waiting for a craving answer"
    if not location.exists():  # nothing to answer, and answering must not create the file
        raise UsageError(f"no stimulus named {name}" if name else waiting)

    from app.domain.urges import UrgeSource
    from app.storage.file.database import Database
    from app.storage.tables import stimuli, urges

    db = Database(location)
    try:
        stimulus = stimuli.find(db, name) if name else None
        if name and stimulus is None:
            raise UsageError(f"no stimulus named {name} (see: teeter timer list)")
        utc = now.in_timezone("UTC")
        timer = urges.awaiting(db, utc, stimulus.id if stimulus else None)
        if timer is not None:
            answer = urges.answer(db, timer.id, urge, utc, UrgeSource.SHELL)
        elif stimulus is not None:
            answer = urges.rate_now(db, stimulus.id, urge, utc, UrgeSource.SHELL)
        else:
            raise UsageError(f"{waiting}; name the stimulus to rate it now: teeter urge NAME N")
    finally:
        db.close()
    assert answer is not None
    print(_said(answer, now))
    return 0


def _said(answer, now) -> str:  # type: ignore[no-untyped-def]
    from app.domain.wording import when

    head = f"{answer.stimulus_name}: craving {answer.urge}/10"
    if answer.timer is None:
        return f"{head} at {when(answer.rated_at, now)} (no timer was waiting for it)"
    ended = when(answer.timer.ends_at, now)
    if answer.at_end:
        return f"{head} recorded for the timer that ran out at {ended}"
    return (
        f"{head} at {when(answer.rated_at, now)}, kept as a rating of its own: the "
        f"timer ran out at {ended}, too long ago to count as its end"
    )
