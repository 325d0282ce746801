"""One wording for the small things (`app.domain.wording`): counts, days, spans, clock times
and text cut to the cells a terminal gives it, said the same by screens and commands."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pendulum
import pytest
from rich.cells import cell_len

from app.domain.wording import (
    counted,
    cut,
    day_words,
    fit,
    full_day_words,
    noun,
    ordinal,
    span_words,
    when,
)

APP = Path(__file__).resolve().parent.parent / "app"
PARIS = pendulum.timezone("Europe/Paris")


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("0\ufe0f0", 2),  # a digit asking for emoji presentation takes two cells
        ("0\ufe0f0\ufe0f0", 3),
        ("抹茶 latte", 5),
        ("抹茶", 3),
        ("e\u0301clair", 3),  # a combining accent takes none
        ("👩\u200d👩\u200d👧 family", 4),
        ("coffee", 6),
        ("coffee", 4),
        ("", 3),
    ],
)
def test_fit_fills_exactly_its_cells(text: str, width: int) -> None:
    shown = fit(text, width)
    assert cell_len(shown) == width
    assert cell_len(cut(text, width)) <= width


def test_fit_cuts_whole_graphemes_with_an_ellipsis() -> None:
    assert fit("0\ufe0f0", 2) == "… "  # not "0️…", which takes three cells
    assert fit("0\ufe0f0x", 3) == "0\ufe0f…"
    assert fit("抹茶 latte", 5) == "抹茶…"
    assert fit("抹茶", 3) == "抹…"  # the ellipsis takes the third cell
    assert fit("coffee", 4) == "cof…"
    assert fit("coffee", 8) == "coffee  "
    assert cut("coffee", 6) == "coffee"


def test_counts_days_and_spans() -> None:
    assert [counted(n, "entry") for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]
    assert counted(1, "day") == "1 day" and counted(3, "day") == "3 days"
    assert counted(2, "urge rating") == "2 urge ratings"
    assert counted(2, "check-in", "check-ins") == "2 check-ins"
    assert noun(1, "is", "are") == "is" and noun(5, "is", "are") == "are"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
    ]  # fmt: skip
    assert day_words(dt.date(2026, 11, 24)) == "Tue 24 Nov"
    assert full_day_words(dt.date(2026, 11, 24)) == "Tuesday 24 November 2026"
    assert span_words(dt.date(2026, 11, 24), 1) == "Tue 24 Nov"
    assert span_words(dt.date(2026, 11, 24), 3) == "Sun 22 Nov – Tue 24 Nov"
    assert span_words(dt.date(2026, 3, 1), 2) == "Sat 28 Feb – Sun 1 Mar"


def test_clock_times_name_their_day_in_the_person_zone() -> None:
    now = pendulum.datetime(2026, 11, 24, 12, 0, tz=PARIS)
    assert when(now.add(hours=2), now) == "14:00"
    assert when(now.add(hours=13), now) == "01:00 tomorrow"
    assert when(now.subtract(hours=14), now) == "22:00 yesterday"
    assert when(now.add(days=3), now) == "Fri 27 Nov 12:00"
    as_utc = dt.datetime(2026, 11, 24, 11, 0, tzinfo=dt.UTC)  # a plain datetime works too
    assert when(as_utc, now) == "12:00"
    assert when(now, as_utc.replace(hour=23, minute=30)) == "11:00"  # in now's zone (UTC)


def _plural_by_hand(path: Path) -> list[int]:
    """Lines that choose a noun's form by testing a count against 1 in an f-string or a
    conditional expression, instead of asking `wording`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.IfExp) and isinstance(node.test, ast.Compare):
            sides = [node.test.left, *node.test.comparators]
            words = [node.body, node.orelse]
            if any(isinstance(s, ast.Constant) and s.value == 1 for s in sides) and all(
                isinstance(w, ast.Constant) and isinstance(w.value, str) for w in words
            ):
                found.append(node.lineno)
    return found


def test_no_module_words_its_own_plurals() -> None:
    by_hand = {
        str(path.relative_to(APP)): lines
        for path in sorted(APP.rglob("*.py"))
        if path.name != "wording.py" and (lines := _plural_by_hand(path))
    }
    assert by_hand == {}
