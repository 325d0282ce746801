"""Key press to the next screen drawn, headless: home → check-in, step → step, home → log,
against bare Textual apps pushing screens measured the same way (median of repeated
switches; run on purpose: `python -m pytest -m benchmark tests/benchmarks -s`):

- a simple screen: a header, a footer and ten simple widgets;
- a comparable screen (issue 12's reference): stock widgets in the numbers the teeter
  screen has (a check-in step's form and table, or the log's tabs, cards and table), so the
  ratio is what teeter adds over Textual drawing the same amount.

The issue's first budget was under 50 ms; on this machine the bare Textual push alone takes
well over 100 ms under Pilot, so the figure that can be held is the ratio."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static, Tabs

from app.ui.checkin.notice_screen import NoticeScreen
from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.log_screen import LogScreen
from tests.conftest import wait_ready


class _Reference(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield Header()
        for i in range(10):
            yield Input(compact=True) if i % 2 else Static("a line of text")
        yield Footer()


_KEYS = [Binding(key, "app.pop_screen", f"Key {key}") for key in ("f1", "f2", "f3", "f4")]


class _FormReference(Screen[None]):
    """Stock widgets in the numbers a check-in step has (Notice): a header, a scroll of 4
    lines of text, 3 labels, 5 fields and a 5-column table, a footer of 5 keys."""

    ROWS = 0

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), *_KEYS]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            for i in range(4):
                yield Static(f"line {i}")
            for i in range(3):
                yield Label(f"label {i}")
                yield Input(compact=True)
            yield Input(compact=True)
            yield Input(compact=True)
            yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("time", "stimulus", "enjoyment", "craving", "note")
        for i in range(self.ROWS):
            table.add_row(f"0{i % 10}:10", "coffee", "6", "7", "")
        self.query_one(Input).focus()


class _TrackReference(_FormReference):
    """The same with the day's 12 entries in its table, as Track lists them."""

    ROWS = 12


class _LogReference(Screen[None]):
    """Stock widgets in the numbers the log has: a header, three tabs, a scroll of 5 text
    cards and a 6-column table of 7 rows, a footer of 5 keys."""

    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), *_KEYS]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs("coffee", "phone", "chocolate")
        with VerticalScroll():
            for i in range(5):
                yield Static(f"a card of text {i}\nwith a second line")
            yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("day", "time", "nth", "gap", "enjoyment", "craving")
        for i in range(7):
            table.add_row("Sun 22 Nov", f"0{i}:00", "1st", "2d", "6", "7")


class _Bare(App[None]):
    BINDINGS = [
        Binding("c", "go", "Go"),
        Binding("f", "form", "Form"),
        Binding("g", "log", "Log"),
        Binding("t", "track", "Track"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()

    def action_go(self) -> None:
        self.push_screen(_Reference())

    def action_form(self) -> None:
        self.push_screen(_FormReference())

    def action_log(self) -> None:
        self.push_screen(_LogReference())

    def action_track(self) -> None:
        self.push_screen(_TrackReference())


ROUNDS = 15


async def reach(pilot, screen_type: type) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5000):
        if isinstance(pilot.app.screen, screen_type):
            return
        await pilot.pause(0.001)
    raise AssertionError(f"stuck on {pilot.app.screen!r}, waiting for {screen_type.__name__}")


async def timed(pilot, key: str, until: type) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    await pilot.press(key)
    await reach(pilot, until)
    await pilot.pause()  # let it draw
    return time.perf_counter() - start


@pytest.mark.benchmark
async def test_key_press_to_next_screen(make_app, db_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from tests.benchmarks.test_first_frame import filled

    # Each round is a new day (the check-in starts again at Notice), each with its entries:
    # today's on home, three days of them in the log. (No timer: one running out would ask
    # its question.)
    filled(db_path, with_timer=False, now=clock(), days=ROUNDS + 1)
    app = make_app()
    results: dict[str, list[float]] = {
        "home → check-in": [],
        "Notice → Track": [],
        "home → log": [],
    }
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        for _ in range(ROUNDS):
            clock.advance(days=1)  # a fresh day: the check-in starts again at Notice
            results["home → check-in"].append(await timed(pilot, "c", NoticeScreen))
            results["Notice → Track"].append(await timed(pilot, "ctrl+s", TrackScreen))
            await pilot.press("escape")
            await pilot.press("escape")
            await reach(pilot, HomeScreen)
            results["home → log"].append(await timed(pilot, "l", LogScreen))
            await pilot.press("escape")
            await reach(pilot, HomeScreen)
    bare: dict[str, list[float]] = {"simple": [], "form": [], "track": [], "log": []}
    reference = _Bare()
    async with reference.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(ROUNDS):
            for name, key, screen in (
                ("simple", "c", _Reference),
                ("form", "f", _FormReference),
                ("track", "t", _TrackReference),
                ("log", "g", _LogReference),
            ):
                bare[name].append(await timed(pilot, key, screen))
                await pilot.press("escape")
                await reach(pilot, Screen)
                await pilot.pause()
    base = {name: statistics.median(seconds) for name, seconds in bare.items()}
    print(
        f"\nbare Textual screen push, median: 10 simple widgets {base['simple'] * 1000:.1f} ms, "
        f"a form like a check-in step {base['form'] * 1000:.1f} ms "
        f"({base['track'] * 1000:.1f} ms with Track's 12 rows), "
        f"a screen like the log {base['log'] * 1000:.1f} ms"
    )
    comparable = {"home → check-in": "form", "Notice → Track": "track", "home → log": "log"}
    for name, seconds in results.items():
        median = statistics.median(seconds)
        like = comparable[name]
        print(
            f"{name}: median {median * 1000:.1f} ms, {median / base['simple']:.2f}x the simple "
            f"push, {median / base[like]:.2f}x the comparable {like} push (budget 1.20)"
        )
