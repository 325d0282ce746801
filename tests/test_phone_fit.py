"""teeter on a phone in portrait (about 45×24 through `teeter serve`): ratings can be tapped,
and every key a screen needs is a visible footer key, since phone keyboards have no ctrl,
escape or arrows. Wider screens keep their layout."""

from __future__ import annotations

from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from app.domain.records import ExposureSource
from app.storage.tables import exposures
from app.ui.checkin.base import StepScreen
from app.ui.screens.quick_log_screen import QuickLogScreen
from app.ui.screens.timers_screen import TimersScreen
from app.ui.widgets.rating import RatingInput
from tests.conftest import query, settle, wait_ready

PHONE = (45, 24)


def footer_keys(app) -> dict[str, FooterKey]:  # type: ignore[no-untyped-def]
    """The footer keys a person can see (and tap) on the current screen."""
    width = app.screen.size.width
    return {
        key.description: key
        for key in app.screen.query_one(Footer).query(FooterKey)
        if key.display and key.region.width and key.region.right <= width
    }


def log_coffee(db, clock) -> None:  # type: ignore[no-untyped-def]
    now = clock()
    exposures.log(
        db,
        stimulus="coffee",
        occurred_at=now,
        enjoyment=5,
        craving=5,
        note="",
        source=ExposureSource.QUICK,
        now=now,
    )


async def test_a_tap_on_a_rating_bar_sets_that_rating(make_app, db, clock) -> None:  # type: ignore[no-untyped-def]
    log_coffee(db, clock)
    app = make_app()
    async with app.run_test(size=PHONE) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, QuickLogScreen)
        craving = app.screen.query_one("#craving", RatingInput)
        await pilot.click(craving, offset=(1 + 24 + 2, 0))  # padding, label, third cell
        assert craving.value == 3
        await pilot.click(craving, offset=(1 + 24 + 9, 0))
        assert craving.value == 10
        await pilot.click(craving, offset=(3, 0))  # on the label: focus only
        assert craving.value == 10 and craving.has_focus


async def test_quick_log_on_a_phone_saves_and_cancels_by_footer_taps(
    make_app, db, where, clock
) -> None:  # type: ignore[no-untyped-def]
    log_coffee(db, clock)  # the form opens on the ratings; in a text field, enter saves
    app = make_app()
    async with app.run_test(size=PHONE) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("n")
        await settle(pilot)
        keys = footer_keys(app)
        assert {"Save", "Cancel"} <= set(keys)
        await pilot.click(keys["Cancel"])
        await settle(pilot)
        assert not isinstance(app.screen, QuickLogScreen)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("8")
        await pilot.click(app.screen.query_one("#craving", RatingInput), offset=(1 + 24 + 1, 0))
        await settle(pilot)
        await pilot.click(footer_keys(app)["Save"])
        await settle(pilot)
        assert not isinstance(app.screen, QuickLogScreen)
    last = query(where, "SELECT enjoyment, craving FROM exposure ORDER BY id DESC LIMIT 1")
    assert last == [(8, 2)]


async def test_a_checkin_step_on_a_phone_offers_every_key_as_a_footer_tap(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=PHONE) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await pilot.pause(0.3)
        assert isinstance(app.screen, StepScreen)
        assert app.screen.has_class("-narrow")
        keys = footer_keys(app)
        assert {"Save & next", "Skip step", "Back"} <= set(keys)
        first = type(app.screen)
        await pilot.click(keys["Skip step"])  # ctrl+s, which a phone keyboard lacks
        await pilot.pause(0.3)
        assert isinstance(app.screen, StepScreen) and type(app.screen) is not first


async def test_the_palette_key_gives_way_on_a_phone_but_not_at_80_columns(make_app) -> None:  # type: ignore[no-untyped-def]
    for size, shown in ((PHONE, False), ((80, 24), True)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await wait_ready(app, pilot)
            palette = app.screen.query_one(Footer).query_one(".-command-palette")
            assert palette.display is shown


async def test_the_timer_name_gets_a_whole_row_on_a_phone(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=PHONE) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("t")
        await pilot.pause(0.3)
        assert isinstance(app.screen, TimersScreen)
        name = app.screen.query_one("#timers-stimulus", Input)
        duration = app.screen.query_one("#timers-duration", Input)
        assert name.region.width >= 30
        assert duration.region.y > name.region.y
        for preset in ("30m", "1h", "2h", "4h"):
            button = app.screen.query_one(f"#timers-preset-{preset}")
            assert button.region.right <= PHONE[0]
