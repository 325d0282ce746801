"""Ratings, durations, moments, text cleaning and the check-in state machine."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pendulum
import pytest

from app.domain.checkin import STEPS, CheckInProgress, Step, StepState, next_step, progress_line
from app.domain.durations import DurationError, format_clock, format_duration, parse_duration
from app.domain.moments import MomentError, parse_moment
from app.domain.ratings import RatingError, check_rating, parse_rating, rating_for_key
from app.domain.text import StimulusNameError, clean_name, clean_note, name_key, one_line


@pytest.mark.parametrize("text,value", [("1", 1), (" 10 ", 10), ("7", 7)])
def test_ratings_read(text: str, value: int) -> None:
    assert parse_rating(text) == value


@pytest.mark.parametrize("text", ["0", "11", "-1", "7.5", "", "seven", "٣", "1e1"])
def test_bad_ratings_refused(text: str) -> None:
    with pytest.raises(RatingError):
        parse_rating(text)


def test_check_rating_refuses_bools_and_out_of_range() -> None:
    with pytest.raises(RatingError):
        check_rating(True)  # type: ignore[arg-type]
    with pytest.raises(RatingError):
        check_rating(11)


def test_digit_keys_map_to_ratings() -> None:
    assert [rating_for_key(str(d)) for d in range(10)] == [10, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert rating_for_key("a") is None and rating_for_key("") is None


@pytest.mark.parametrize(
    "text,minutes", [("30m", 30), ("90m", 90), ("2h", 120), ("2h30m", 150), ("1h 15m", 75)]
)
def test_durations(text: str, minutes: int) -> None:
    assert parse_duration(text) == dt.timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "90", "2x", "h", "0m", "-5m", "8d", "1.5h", "200h"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration(text)


def test_duration_formats() -> None:
    assert format_duration(dt.timedelta(hours=1, minutes=12)) == "1h12m"
    assert format_duration(dt.timedelta(seconds=40)) == "40s"
    assert format_duration(dt.timedelta(hours=2)) == "2h"
    assert format_clock(dt.timedelta(hours=1, seconds=9)) == "1:00:09"
    assert format_clock(dt.timedelta(seconds=-5)) == "0:00"


NOW = pendulum.datetime(2026, 11, 24, 15, 0, tz="Europe/Paris")


def test_moments() -> None:
    assert parse_moment("now", NOW) == NOW
    assert parse_moment("14:05", NOW) == pendulum.datetime(2026, 11, 24, 14, 5, tz="Europe/Paris")
    assert parse_moment("yesterday 22:10", NOW).day == 23
    assert parse_moment("2026-11-20 08:00", NOW).day == 20
    assert parse_moment("2026-11-24T13:00:00+00:00", NOW).hour == 14


@pytest.mark.parametrize(
    "text", ["25:00", "tomorrow", "2026-11-24 16:00", "2026-11-24T16:00:00", "12:61"]
)
def test_bad_or_future_moments(text: str) -> None:
    with pytest.raises(MomentError):
        parse_moment(text, NOW)


def test_names_and_notes_are_cleaned_not_escaped() -> None:
    assert clean_name("  [bold]x [/]  ") == "[bold]x [/]"
    assert clean_name("co\x1b[31mffee") == "co[31mffee"  # the escape byte is gone
    with pytest.raises(StimulusNameError):
        clean_name(" \t ")
    with pytest.raises(StimulusNameError):
        clean_name("x" * 61)
    assert clean_note("line1\nline2\x07") == "line1\nline2"
    assert one_line("a\nb") == "a b"
    assert name_key("Café") == name_key("CAFÉ")


def test_checkin_state_machine() -> None:
    progress = CheckInProgress()
    assert not progress.started and progress.resume_step() is Step.NOTICE
    progress = progress.mark(Step.NOTICE, StepState.DONE).mark(Step.TRACK, StepState.SKIPPED)
    assert progress.started and not progress.complete
    assert progress.resume_step() is Step.SPACE
    assert (progress.done_count, progress.settled_count) == (1, 2)
    for step in STEPS:
        progress = progress.mark(step, StepState.DONE)
    assert progress.complete and progress.resume_step() is None
    assert next_step(Step.REFRAME) is None
    assert progress_line(Step.TRACK) == "Step 2 of 4 · Track"


def test_domain_imports_neither_textual_nor_sql() -> None:
    code = (
        "import sys, pkgutil, importlib, app.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module('app.domain.' + m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'sqlalchemy', 'sqlmodel', 'sqlite3', '_sqlite3')]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
