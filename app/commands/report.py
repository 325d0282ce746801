"""`teeter report [--days N] [--stimulus NAME]`: the log screen's analysis as plain text.

Fit for a pipe: bold and colour only on a terminal with NO_COLOR unset. No Textual import
(a test checks), and a database that does not exist yet is reported on, never created."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum

    from app.domain.balance import StimulusAnalysis
    from app.storage.file.database import Database
    from app.storage.file.location import Location

DEFAULT_DAYS = 3
MAX_DAYS = 36_500
_STYLES = {"bold": "1", "tilting": "1;33", "recovering": "1;32", "alert": "33"}


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "report",
        help="the balance analysis of the last few days as plain text",
        description="Print, for each pleasure logged in the last N local days: the verdict on "
        "its trend, diminishing-returns alerts, every entry with its gap, and mean "
        "enjoyment by gap length. Plain text, fit for a pipe.",
    )
    parser.add_argument(
        "--days",
        default=str(DEFAULT_DAYS),
        metavar="N",
        help=f"how many local days, ending today (default {DEFAULT_DAYS})",
    )
    parser.add_argument("--stimulus", metavar="NAME", help="only this pleasure")
    parser.set_defaults(run=run)


def parse_days(text: str) -> int:
    from app.cli import UsageError

    try:
        days = int(text.strip())
    except ValueError:
        raise UsageError(f"--days takes a whole number of days, not {text!r}") from None
    if not 1 <= days <= MAX_DAYS:
        raise UsageError(f"--days must be from 1 to {MAX_DAYS}, not {days}")
    return days


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.clock import system_now
    from app.domain.text import one_line

    days = parse_days(args.days)
    now = system_now()
    if not location.exists():
        if args.stimulus is not None:
            raise UsageError(f"no stimulus called {one_line(args.stimulus)!r}: nothing is logged")
        print(f"Nothing logged yet. {_HOW_TO_START}")
        return 0

    from app.storage.file.database import Database
    from app.storage.tables import settings, stimuli

    db = Database(location)
    try:
        stimulus_id = None
        if args.stimulus is not None:
            found = stimuli.find(db, args.stimulus)
            if found is None:
                names = ", ".join(one_line(s.name) for s in stimuli.list_active(db))
                known = f"; known: {names}" if names else ": nothing is logged yet"
                raise UsageError(f"no stimulus called {one_line(args.stimulus)!r}{known}")
            stimulus_id = found.id
        hour = settings.day_start_hour(db)
        lines = report_lines(db, now, days, hour, stimulus_id, _use_colour())
    finally:
        db.close()
    for line in lines:
        print(line)
    return 0


_HOW_TO_START = (
    "Log an entry with `teeter log coffee -e 6 -c 8` (enjoyment, craving, 1-10), "
    "or run a check-in in the app (`teeter`, then c)."
)


def _use_colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def report_lines(
    db: Database,
    now: pendulum.DateTime,
    days: int,
    hour: int,
    stimulus_id: int | None,
    colour: bool,
) -> list[str]:
    """Every line of the report, built before printing so a failure prints nothing."""
    from app.clock import zone_of
    from app.domain.days import local_day
    from app.domain.safety import guidance
    from app.domain.wording import counted, span_words
    from app.storage.tables import stimuli
    from app.storage.tables.log_window import analysed

    tz = zone_of(now)
    assert tz is not None
    last_day = local_day(now, tz, hour)
    analyses = analysed(db, last_day, days, tz, hour, stimulus_id)
    kinds = stimuli.kinds(db)
    span = span_words(last_day, days)
    header = f"teeter report: the last {counted(days, 'day')}, {span} (days start at {hour:02d}:00)"
    lines = [_paint(header, "bold", colour)]
    if not analyses:
        wider = f" Try --days {max(7, days * 2)}, or log one." if days < MAX_DAYS else ""
        lines.append(f"Nothing logged in this window.{wider} {_HOW_TO_START}")
        return lines
    for analysis in analyses:
        lines.append("")
        care = guidance(kinds.get(analysis.stimulus_id), analysis.stimulus_name)
        lines.extend(stimulus_lines(analysis, tz, colour, care.may_suggest_spacing))
    return lines


def stimulus_lines(
    analysis: StimulusAnalysis,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    colour: bool,
    frame_gaps: bool = True,
) -> Iterator[str]:
    """One pleasure's part of the report. `frame_gaps` is False for a substance
    (`safety.guidance`): its gap numbers stay, the comparison that reads as advice goes."""
    from app.domain.balance import MIN_GROUP, Verdict, format_number
    from app.domain.clock_words import NEXT_MORNING, NEXT_MORNING_LEGEND
    from app.domain.days import lived_clock_on
    from app.domain.durations import format_gap
    from app.domain.text import one_line
    from app.domain.wording import day_words, ordinal

    name = one_line(analysis.stimulus_name)
    yield _paint(f"== {name} ==", "bold", colour)
    style = {Verdict.TILTING: "tilting", Verdict.RECOVERING: "recovering"}
    yield "verdict: " + _paint(analysis.verdict_sentence, style.get(analysis.verdict, ""), colour)
    yield "alerts:" + ("" if analysis.alerts else " none")
    for alert in analysis.alerts:
        yield "  " + _paint(f"! {one_line(alert.text)}", "alert", colour)
    yield f"entries ({len(analysis.points)}):"
    times = [
        lived_clock_on(point.occurred_at, point.exposure.utc_offset, point.day, tz)
        for point in analysis.points
    ]
    width = max((len(at) for at in times), default=0) + 1  # a zone named widens the column
    width = max(width, 11)
    yield (
        f"  {'day':<12}{'time':<{width}}{'n-th':<6}{'gap':>8}{'enjoyment':>11}{'craving':>9}  note"
    )
    marked = any(NEXT_MORNING in at for at in times)
    for point, at in zip(analysis.points, times, strict=True):
        note = one_line(point.exposure.note)
        yield (
            f"  {day_words(point.day):<12}{at:<{width}}{ordinal(point.nth_of_day):<6}"
            f"{format_gap(point.gap):>8}{point.enjoyment:>11}{point.craving:>9}"
            + (f"  {note}" if note else "")
        ).rstrip()
    if marked:
        yield f"  ({NEXT_MORNING_LEGEND})"
    yield "gap evidence (enjoyment by the gap since the previous entry):"
    yield f"  {'gap before':<16}{'count':>6}{'enjoyment':>11}{'craving':>9}"
    best = analysis.best_gap_bucket
    for group in analysis.gap_evidence:
        mean_e = "-" if group.mean_enjoyment is None else format_number(group.mean_enjoyment)
        mean_c = "-" if group.mean_craving is None else format_number(group.mean_craving)
        line = f"  {group.bucket.label:<16}{group.count:>6}{mean_e:>11}{mean_c:>9}"
        if frame_gaps and best is not None and group.bucket == best.bucket:
            line += "  <- most enjoyed"
        elif group.count and not group.enough:
            line += f"  too few (needs {MIN_GROUP})"
        yield line
    if frame_gaps:
        yield f"  {one_line(analysis.gap_sentence)}"
    else:
        from app.domain.safety import NO_GAP_ADVICE

        yield f"  {NO_GAP_ADVICE}"


def _paint(text: str, style: str, colour: bool) -> str:
    code = _STYLES.get(style)
    return f"\033[{code}m{text}\033[0m" if colour and code else text
