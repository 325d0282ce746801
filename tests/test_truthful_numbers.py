"""Numbers that never mislead: gaps to the precision they were measured, clock times that
name their day, a chart that uses its width and names every day, and a shell report that
says what the log screen says."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from app.domain.balance import analyse
from app.domain.clock_words import time_on_day
from app.domain.durations import format_gap
from app.domain.gaps import build_points
from app.domain.records import Exposure
from app.domain.wording import when
from app.ui.widgets.balance_chart import chart

PARIS = pendulum.timezone("Europe/Paris")


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (None, "—"),
        (25, "25m"),
        (130, "2h10m"),
        (24 * 60, "1d"),
        (24 * 60 + 30, "1d 30m"),  # was "1d": half an hour lost
        (26 * 60, "1d 2h"),
        (26 * 60 + 5, "1d 2h05m"),
        (50 * 60, "2d 2h"),
    ],
)
def test_gaps_keep_their_precision(minutes, words):
    gap = None if minutes is None else dt.timedelta(minutes=minutes)
    assert format_gap(gap) == words


def test_after_midnight_is_marked_as_the_next_morning():
    friday = dt.date(2026, 12, 4)
    evening = pendulum.datetime(2026, 12, 4, 23, 0, tz=PARIS)
    night = pendulum.datetime(2026, 12, 5, 3, 30, tz=PARIS)
    assert time_on_day(evening, friday, PARIS) == "23:00"
    assert time_on_day(night, friday, PARIS) == "03:30 +1d"


@pytest.mark.parametrize(
    ("end", "words"),
    [
        ("2026-12-04T16:00", "16:00"),
        ("2026-12-05T04:00", "04:00 tomorrow"),
        ("2026-12-09T04:00", "Wed 9 Dec 04:00"),
    ],
)
def test_a_timer_end_names_its_day(end, words):
    now = pendulum.datetime(2026, 12, 4, 15, 0, tz=PARIS)
    assert when(pendulum.parse(end, tz=PARIS), now) == words


def _exposures(times: list[str]) -> list[Exposure]:
    return [
        Exposure(i, 1, "coffee", pendulum.parse(t, tz=PARIS), 5 + i % 3, 6 - i % 3)
        for i, t in enumerate(times, start=1)
    ]


def test_the_chart_spreads_few_points_over_its_width_and_names_every_day():
    points = build_points(
        _exposures(["2026-12-02 09:00", "2026-12-03 09:00", "2026-12-04 09:00"]), PARIS, 4
    )
    lines = chart(points, 70).plain.splitlines()
    columns = sorted(
        {i for line in lines[:10] for i, ch in enumerate(line) if ch in "●✕◆" and i > 4}
    )
    assert columns[0] == 5 and columns[-1] >= 60, columns  # left edge to (almost) right
    labels = lines[11]
    assert "Wed 2" in labels and "Thu 3" in labels and "Fri 4" in labels


def test_the_chart_names_every_day_when_points_are_tight():
    times = [f"2026-12-0{d} {h:02d}:00" for d in (1, 2, 3, 4) for h in (8, 10, 12, 14, 16)]
    times.append("2026-12-05 09:00")  # a day with a single exposure, at the right edge
    points = build_points(_exposures(times), PARIS, 4)
    labels = chart(points, 60).plain.splitlines()[11].split()
    shown = {label for label in labels if label.isdigit()}
    assert {"1", "2", "3", "4", "5"} <= shown | {w for w in labels}


def test_report_says_what_the_log_says(tmp_path, capsys, monkeypatch):
    """Small groups, the verdict with its reason, next-morning marks: the same in the shell."""
    from app.cli import main
    from app.domain.records import ExposureSource
    from app.storage.file.database import Database
    from app.storage.tables import exposures

    monkeypatch.setenv("TEETER_NOW", "2026-12-05T10:00:00+01:00")
    path = tmp_path / "r.db"
    db = Database(path)
    rows = [
        ("2026-12-03 09:00", 8, 3),
        ("2026-12-03 09:20", 6, 5),
        ("2026-12-03 23:00", 5, 6),
        ("2026-12-04 01:30", 4, 7),  # after midnight: counted with Thu 3
        ("2026-12-04 09:00", 4, 8),
        ("2026-12-04 09:10", 3, 8),
    ]
    for at, e, c in rows:
        exposures.log(
            db,
            stimulus="coffee",
            occurred_at=pendulum.parse(at, tz=PARIS),
            enjoyment=e,
            craving=c,
            source=ExposureSource.SHELL,
            now=pendulum.parse(at, tz=PARIS),
        )
    inside = exposures.between(
        db, pendulum.datetime(2026, 12, 1, tz=PARIS), pendulum.datetime(2026, 12, 6, tz=PARIS)
    )
    db.close()
    (analysis,) = analyse(inside, PARIS, 4)
    assert main(["--db", str(path), "report", "--days", "3"]) == 0
    out = capsys.readouterr().out
    assert f"verdict: {analysis.verdict_sentence}" in out
    assert "(−" in analysis.verdict_sentence  # how much it moved, not only which way
    assert "01:30 +1d" in out and "+1d: after midnight" in out
    assert "too few (needs 3)" in out
    assert analysis.gap_sentence in out


def test_timer_rows_in_the_app_align_wide_names():
    from rich.cells import cell_len

    from app.domain.records import Timer
    from app.ui.screens import timers_view

    now = pendulum.datetime(2026, 12, 4, 15, 0, tz=PARIS)
    rows = []
    for i, name in enumerate(("咖啡", "tea", "☕ latte"), start=1):
        timer = Timer(i, i, name, now.subtract(minutes=30), now.add(minutes=30))
        rows.append(timers_view.row(timer, now).plain)
    starts = {cell_len(line[: line.index("30:00")]) for line in rows}
    assert len(starts) == 1, rows
