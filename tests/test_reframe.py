"""The Reframe step in depth: the urge-surfing countdown under an injected clock, the question
it ends with, and the cards from the person's own history, down to the rows written."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from app.domain.records import ExposureSource, Outcome
from app.storage.tables import exposures, reframes
from app.ui.checkin.reframe_screen import DEFAULT_LABEL, ReframeScreen, SurfEndScreen
from app.ui.checkin.summary_screen import SummaryScreen
from app.ui.widgets.countdown import Countdown
from app.ui.widgets.rating import RatingInput
from tests.conftest import FROZEN, settle, wait_ready
from tests.test_checkin_flow import rows


async def until(pilot, condition: Callable[[], bool], seconds: float = 3.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run (its timers tick in real time) until `condition` holds."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await asyncio.sleep(0.05)
        await settle(pilot)
    assert condition(), "timed out"


async def open_reframe(app, pilot) -> ReframeScreen:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await pilot.press("c")
    await settle(pilot)
    for _ in range(3):  # skip Notice, Track, Space
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert isinstance(app.screen, ReframeScreen)
    return app.screen


async def test_surfing_to_the_end_asks_again_and_stores_the_minutes(
    make_app, db_path, clock
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reframe(app, pilot)
        await pilot.press("shift+tab", *"coffee", "tab")  # name the craving first
        await pilot.press("8", "tab", "tab", "6", "tab")
        surf = screen.query_one(Countdown)
        assert app.focused is surf
        await pilot.press("2", "space")  # 5 minutes
        await settle(pilot)
        assert surf.running and surf.remaining().total_seconds() == 300

        clock.advance(minutes=3)
        await until(pilot, lambda: "2:00" in str(surf.render()))
        assert isinstance(app.screen, ReframeScreen)

        await pilot.press("enter")  # saving while it runs is refused, nothing written
        await settle(pilot)
        assert isinstance(app.screen, ReframeScreen)
        assert "still running" in str(screen.query_one("#step-error").render())

        clock.advance(minutes=2, seconds=1)
        await until(pilot, lambda: isinstance(app.screen, SurfEndScreen))
        assert "The 5 minutes are up" in str(app.screen.query_one(".step-progress").render())
        await pilot.press("3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReframeScreen)
        after = screen.query_one("#reframe-after", RatingInput)
        assert after.value == 3 and after.label == "Craving after 5 min"
        assert "✓ 5 min done" in str(surf.render()) and not surf.running
        assert app.focused is screen.query_one("#reframe-outcome")
        await pilot.press("1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)

    assert rows(
        db_path,
        "SELECT label, craving_before, craving_after, surf_minutes, outcome, stimulus_id "
        "FROM reframe",
    ) == [(DEFAULT_LABEL, 8, 3, 5, "waited", 1)]


async def test_stopping_early_asks_too_and_skipping_it_records_no_surf(
    make_app, db_path, clock
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reframe(app, pilot)
        await pilot.press("7", "tab", "tab", "6", "tab", "3", "space")  # 10 minutes
        clock.advance(minutes=2, seconds=30)
        await pilot.press("space")  # stop after 2½ minutes
        await until(pilot, lambda: isinstance(app.screen, SurfEndScreen))
        assert "You surfed 2 minutes" in str(app.screen.query_one(".step-progress").render())
        await pilot.press("escape")  # skipping is fine: then it counts as not surfed
        await settle(pilot)
        assert screen.query_one("#reframe-after", RatingInput).value == 6
        await pilot.press("2", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
    assert rows(
        db_path, "SELECT craving_before, craving_after, surf_minutes, outcome FROM reframe"
    ) == [(7, 6, None, "had_it")]


async def test_stopping_within_the_first_minute_asks_nothing(make_app, db_path, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reframe(app, pilot)
        await pilot.press("7", "tab", "tab", "tab", "space")
        clock.advance(seconds=40)
        await pilot.press("space")
        await settle(pilot)
        assert isinstance(app.screen, ReframeScreen)
        assert not screen.query_one(Countdown).running
        await pilot.press("tab", "3", "enter")
        await settle(pilot)
    assert rows(db_path, "SELECT craving_after, surf_minutes, outcome FROM reframe") == [
        (None, None, "deciding")
    ]


async def test_no_cards_without_history(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reframe(app, pilot)
        assert not screen.query_one("#reframe-cards").display


async def test_cards_come_from_the_rows_and_follow_the_name(make_app, db) -> None:  # type: ignore[no-untyped-def]
    for i, (before, after) in enumerate([(8, 4), (7, 3), (9, 5)]):
        reframes.add(
            db,
            occurred_at=FROZEN.subtract(days=2, hours=i),
            stimulus="tea",
            label="x",
            craving_before=before,
            craving_after=after,
            outcome=Outcome.WAITED,
        )
    # coffee: three exposures after short gaps, three after long ones
    for hours, enjoyment in [(0, 8), (0.25, 4), (0.5, 4), (0.75, 4), (4, 8), (8, 7), (12, 9)]:
        exposures.log(
            db,
            stimulus="coffee",
            occurred_at=FROZEN.subtract(days=3).add(hours=hours),
            enjoyment=enjoyment,
            craving=5,
            source=ExposureSource.SHELL,
            now=FROZEN,
        )
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await open_reframe(app, pilot)
        cards = screen.query_one("#reframe-cards")
        text = str(cards.render())
        assert "The last 3 times you waited it out, craving fell from 8 to 4 on average." in text
        assert "coffee averaged 8" in text and "after under 30 min, 4" in text
        await pilot.press("shift+tab", "ctrl+a", "ctrl+k", *"tea")
        await settle(pilot)
        assert "coffee" not in str(cards.render())
        assert "the last 3 times" in str(cards.render()).lower()


async def test_escape_while_surfing_stays_and_says_why(make_app, db_path, clock) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_reframe(app, pilot)
        await pilot.press("7", "tab", "tab", "tab", "space")
        assert screen.query_one(Countdown).running
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert "press space to stop it first" in str(screen.query_one("#step-error").render())
        await pilot.press("space")  # stopped within the first minute: nothing to ask
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not screen
