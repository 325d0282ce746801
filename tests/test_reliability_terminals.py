"""Small and odd terminals: every screen, from 40×12 to 240×70, narrow-and-tall and
wide-and-short, and through bursts of resizes with no pause between them, with data that
includes long, wide and markup-like names. Nothing may raise.

The normal suite runs the main screens (home, each check-in step, quick log) at the four
corner sizes with a short burst; `pytest -m slow` runs every screen at every size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable

import pytest
from textual.events import Resize
from textual.geometry import Size

from app.domain.checkin import CheckInProgress, Step, StepState
from app.storage.tables import timers
from app.ui.screens.home_screen import HomeScreen
from tests.conftest import FROZEN, wait_ready
from tests.reliability_helpers import fill

SIZES = [(40, 12), (41, 13), (60, 20), (80, 24), (40, 70), (240, 12), (120, 40), (240, 70)]
CORNERS = [(40, 12), (240, 12), (40, 70), (240, 70)]
BURST = [(40 + (i * 37) % 200, 12 + (i * 11) % 58) for i in range(24)]
TRIED: dict[str, int] = {"screens": 0, "sizes": 0, "resizes": 0}

Opener = Callable[..., Awaitable[None]]


async def press(app, pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await pilot.pause()


def push(make_screen: Callable[[object], object]) -> Opener:
    async def opener(app, pilot) -> None:  # type: ignore[no-untyped-def]
        app.push_screen(make_screen(app))
        await pilot.pause()

    return opener


def _confirm(app: object) -> object:
    from app.ui.screens.confirm_screen import ConfirmScreen

    return ConfirmScreen("Delete [@click=app.quit]coffee[/] and its 12 exposures?")


def _extend(app) -> object:  # type: ignore[no-untyped-def]
    from app.ui.screens.extend_screen import ExtendScreen

    return ExtendScreen(timers.active(app.db)[0])


def _urge(app) -> object:  # type: ignore[no-untyped-def]
    from app.ui.screens.urge_screen import UrgeScreen

    return UrgeScreen(timers.active(app.db)[0], app.now(), while_closed=True)


def _support(app: object) -> object:
    from app.domain.safety import DEFAULT_HELP_TEXT
    from app.ui.screens.safety_screen import SupportScreen

    return SupportScreen(DEFAULT_HELP_TEXT)


def _resume(app: object) -> object:
    from app.ui.screens.resume_screen import ResumeScreen

    return ResumeScreen(CheckInProgress().mark(Step.NOTICE, StepState.DONE))


# (name, how to get there from home); the check-in's steps are walked in one go
OTHERS: list[tuple[str, list[str] | Opener]] = [
    ("log", ["l"]),
    ("timers", ["t"]),
    ("stimuli", ["s"]),
    ("help", ["question_mark"]),
    ("settings", ["comma"]),
    ("palette", ["ctrl+p"]),
    ("resume", push(_resume)),
    ("confirm", push(_confirm)),
    ("extend", push(_extend)),
    ("urge", push(_urge)),
    ("safety", push(_support)),
]
STEPS = ["notice", "track", "space", "reframe", "summary"]


async def go_home(app, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(8):
        if isinstance(app.screen, HomeScreen):
            return
        app.pop_screen()
        await pilot.pause()
    assert isinstance(app.screen, HomeScreen)


async def resize_through(app, pilot, sizes: list[tuple[int, int]], burst: int, name: str) -> None:  # type: ignore[no-untyped-def]
    for width, height in sizes:
        await pilot.resize_terminal(width, height)
        TRIED["sizes"] += 1
        assert app.is_running, (name, width, height)
    for width, height in BURST[:burst]:  # a window being dragged: no pause between resizes
        size = Size(width, height)
        app._driver._size = size
        app.post_message(Resize(size, size))
        TRIED["resizes"] += 1
    await pilot.pause()
    await pilot.pause()
    assert app.is_running, name


async def visit(app, pilot, how: list[str] | Opener, name: str, sizes, burst: int) -> None:  # type: ignore[no-untyped-def]
    await go_home(app, pilot)
    if isinstance(how, list):
        if how:
            await press(app, pilot, *how)
    else:
        await how(app, pilot)
    await resize_through(app, pilot, sizes, burst, name)
    TRIED["screens"] += 1


@pytest.mark.parametrize(
    "everything", [False, pytest.param(True, marks=pytest.mark.slow)], ids=["main", "all"]
)
async def test_every_screen_at_every_size(make_app, db, everything: bool) -> None:  # type: ignore[no-untyped-def]
    """The normal suite: home, each check-in step and the quick log at the four corner
    sizes with a short burst. On demand: those and every other screen at every size, with
    the long burst."""
    fill(db)
    timers.start(db, "x" * 60, dt.timedelta(hours=3), FROZEN)
    sizes, burst = (SIZES, len(BURST)) if everything else (CORNERS, 8)
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:  # it even starts small
        await wait_ready(app, pilot)
        await visit(app, pilot, [], "home", sizes, burst)
        await visit(app, pilot, ["c"], STEPS[0], sizes, burst)
        for step in STEPS[1:]:
            await press(app, pilot, "ctrl+s")
            await resize_through(app, pilot, sizes, burst, step)
            TRIED["screens"] += 1
        await visit(app, pilot, ["n"], "quick log", sizes, burst)
        if everything:
            for name, how in OTHERS:
                await visit(app, pilot, how, name, sizes, burst)
        assert app.is_running


def test_report_sizes_tried() -> None:
    print("terminals:", TRIED, "sizes", SIZES, "burst of", len(BURST))
