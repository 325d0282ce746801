"""The three-day log screen: empty state, switching stimulus and window, reloading, text a
person typed staying text, the chart's two series, and an SVG snapshot at 80×24."""

from __future__ import annotations

import pendulum
import pytest
from textual.widgets import DataTable, Tabs

from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.log_screen import LogScreen
from app.ui.widgets.balance_chart import BOTH, CRAVING, ENJOYMENT, chart
from tests.conftest import FROZEN, PARIS, log_in_paris, wait_ready

MARKUP = "[bold]x [/] [@click=app.quit]y"

# Coffee tilts over the three days ending Tue 24 Nov; sugar recovers. One coffee on Fri 20
# (outside three days, inside seven) and an email on Thu 19 appear only when widened.
COFFEE = [
    ("2026-11-20 08:00", 9, 2, "long ago"),
    ("2026-11-22 08:00", 8, 3, "first cup"),
    ("2026-11-22 10:00", 7, 4, ""),
    ("2026-11-22 10:20", 5, 6, ""),
    ("2026-11-23 08:00", 6, 6, ""),
    ("2026-11-23 08:30", 5, 7, ""),
    ("2026-11-24 08:00", 4, 8, ""),
    ("2026-11-24 08:20", 3, 8, "tired"),
]
SUGAR = [
    ("2026-11-22 15:00", 4, 7, ""),
    ("2026-11-23 15:00", 6, 4, ""),
    ("2026-11-24 09:00", 8, 2, ""),
]


add = log_in_paris


@pytest.fixture
def two_stimuli(db) -> None:  # type: ignore[no-untyped-def]
    for row in COFFEE:
        add(db, "coffee", *row)
    for row in SUGAR:
        add(db, "sugar", *row)
    add(db, "email", "2026-11-19 09:00", 3, 6)


async def open_log(app, pilot) -> LogScreen:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await pilot.press("l")
    await settle(app, pilot)
    assert isinstance(app.screen, LogScreen)
    return app.screen


async def settle(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def text_of(screen, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(screen.query_one(selector).render())


def footer_keys(screen) -> set[str]:  # type: ignore[no-untyped-def]
    return {key.key for key in screen.query("FooterKey")}


def table_rows(screen) -> list[list[str]]:  # type: ignore[no-untyped-def]
    table = screen.query_one("#log-table", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_empty_log_tells_a_newcomer_how_to_start(make_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await open_log(app, pilot)
        empty = text_of(screen, "#log-empty")
        assert "Nothing logged in the last 3 days yet" in empty
        assert "teeter log coffee -e 6 -c 8" in empty
        assert "check-in" in empty and "quick-log" in empty
        assert not screen.query_one("#log-detail").display
        assert {"escape", "w"} <= footer_keys(screen)
        assert not {"left", "right"} & footer_keys(screen)  # nothing to switch between
        await pilot.press("w")
        await settle(app, pilot)
        assert "last 7 days" in text_of(screen, "#log-empty")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.usefixtures("two_stimuli")
async def test_switching_stimulus_changes_the_verdict(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_log(app, pilot)
        assert {"left", "right", "w", "escape"} <= footer_keys(screen)
        # Coffee is tilting toward craving: the log opens on it, though sugar came later.
        first = text_of(screen, "#log-verdict")
        assert first.startswith("coffee: tilting toward craving")
        assert screen.query_one("#log-verdict").has_class("-tilting")
        assert screen.query_one(Tabs).active == f"stimulus-{screen.selected}"
        rows = table_rows(screen)
        assert len(rows) == 7
        assert rows[0][:3] == ["Sun 22 Nov", "08:00", "1st"]
        # The window's first gap is measured from the exposure before it (Fri 20, 08:00).
        assert rows[0][3] == "2d"
        assert rows[-1][-1] == "tired"
        assert "On Sun 22 Nov your 2nd and 3rd coffee" in text_of(screen, "#log-alerts")
        gaps = text_of(screen, "#log-gaps")
        assert "under 30 min" in gaps and "6 h or more" in gaps
        await pilot.press("[")
        await settle(app, pilot)
        second = text_of(screen, "#log-verdict")
        assert second.startswith("sugar: recovering")
        assert "enjoyment rose 4 → 8" in second.lower()
        assert screen.query_one("#log-verdict").has_class("-recovering")


@pytest.mark.usefixtures("two_stimuli")
async def test_widening_the_window_shows_older_exposures(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_log(app, pilot)
        assert [tab.id for tab in screen.query("Tab")] == ["stimulus-2", "stimulus-1"]
        assert text_of(screen, "#log-verdict").startswith("coffee")  # opened on: tilting
        assert len(table_rows(screen)) == 7
        await pilot.press("w")
        await settle(app, pilot)
        assert screen.days == 7 and "Last 7 days" in text_of(screen, "#log-window")
        assert text_of(screen, "#log-verdict").startswith("coffee")  # the choice is kept
        rows = table_rows(screen)
        assert len(rows) == 8 and rows[0][0] == "Fri 20 Nov" and rows[0][-1] == "long ago"
        assert rows[0][3] == "—"  # nothing before it
        assert len(screen.query("Tab")) == 3  # email, logged on Thu 19, is in the window now
        for expected in (14, 30, 3):
            await pilot.press("w")
            await settle(app, pilot)
            assert screen.days == expected
        assert len(table_rows(screen)) == 7 and len(screen.query("Tab")) == 2


@pytest.mark.usefixtures("two_stimuli")
async def test_the_log_reloads_when_data_changes(make_app, db) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_log(app, pilot)
        await pilot.press("left")  # from coffee (tilting, so first) to sugar
        await settle(app, pilot)
        assert len(table_rows(screen)) == 3
        add(db, "sugar", "2026-11-24 09:20", 7, 3, "after a walk")
        add(db, "tea", "2026-11-24 09:25", 6, 2)
        app.data_changed()
        await settle(app, pilot)
        assert [tab.id for tab in screen.query("Tab")] == [
            "stimulus-4",  # tea, the newest, comes first
            "stimulus-2",
            "stimulus-1",
        ]
        assert text_of(screen, "#log-verdict").startswith("sugar")  # the choice is kept
        assert table_rows(screen)[-1][-1] == "after a walk"
        await pilot.press("left")
        await settle(app, pilot)
        assert text_of(screen, "#log-verdict").startswith("tea")


async def test_a_markup_like_name_shows_literally(make_app, db) -> None:  # type: ignore[no-untyped-def]
    for at, e, c in (
        ("2026-11-23 08:00", 8, 3),
        ("2026-11-23 08:10", 5, 7),
        ("2026-11-24 08:00", 4, 8),
    ):
        add(db, MARKUP, at, e, c, note="[red]not red[/] [@click=app.quit]no")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_log(app, pilot)
        assert text_of(screen, "#log-verdict").startswith(MARKUP + ": tilting toward craving")
        assert MARKUP in text_of(screen, "#log-alerts")
        assert str(screen.query_one("Tab").label) == MARKUP
        assert table_rows(screen)[0][-1] == "[red]not red[/] [@click=app.quit]no"
        await pilot.click("Tab")
        await pilot.click("#log-verdict")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LogScreen)


def test_chart_draws_two_series_with_their_own_glyphs() -> None:
    from app.domain.gaps import build_points
    from app.domain.records import Exposure

    items = [
        Exposure(i, 1, "coffee", pendulum.parse(at, tz=PARIS), e, c)
        for i, (at, e, c, _) in enumerate(COFFEE[1:], start=1)
    ]
    points = build_points(items, PARIS, 4)
    lines = chart(points, 60).plain.splitlines()
    assert lines[0].startswith("10 ┤") and lines[9].startswith(" 1 ┤")
    row = {10 - i: line for i, line in enumerate(lines[:10])}
    assert row[8][5] == ENJOYMENT[0] and row[3][5] == CRAVING[0]  # the first exposure
    assert BOTH[0] in row[6]  # 6 and 6 on Mon 23
    assert "Sun 22" in lines[11] and "Tue 24" in lines[11]
    assert "enjoyment" in lines[12] and "craving" in lines[12]
    narrow = chart(points, 15).plain.splitlines()
    assert "(latest 3 of 7)" in narrow[-1]


def seen_first_launch(db) -> None:  # type: ignore[no-untyped-def]
    """A journal past its first launch: no "not medical advice" toast over the snapshot."""
    from app.storage.tables import settings

    settings.put(db, settings.CARE_NOTE_SEEN, "2026-11-01")


def test_log_screen_snapshot(snap_compare, make_app, file_db) -> None:  # type: ignore[no-untyped-def]
    db = file_db  # one picture per screen: the engine does not change it
    for row in COFFEE:
        add(db, "coffee", *row)
    add(db, MARKUP, "2026-11-23 12:00", 6, 5)
    seen_first_launch(db)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_log(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def test_reloads_that_empty_the_window_or_race_never_crash(
    make_app, two_stimuli, clock
) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_log(app, pilot)
        for _ in range(3):  # overlapping reloads replace the tab bar mid-way
            screen.reload()
            await pilot.pause(0)
        await settle(app, pilot)
        clock.advance(days=10)  # the window now holds nothing
        app.data_changed()
        await settle(app, pilot)
        assert app.is_running
        assert "teeter log coffee" in text_of(screen, "#log-empty")


async def test_demo_data_shows_coffee_tilting_and_phone_recovering(
    make_app, db_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A newcomer's first minute: load the demo, open the log, read the pattern."""
    from app.cli import main

    monkeypatch.setenv("TEETER_NOW", FROZEN.isoformat())
    assert main(["--db", str(db_path), "import", "--demo"]) == 0
    app = make_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await wait_ready(app, pilot)
        if not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")  # the demo's half-done check-in offers to resume
            await pilot.pause()
        screen = await open_log(app, pilot)
        verdicts = {}
        for _ in range(3):
            verdict = text_of(screen, "#log-verdict")
            verdicts[verdict.split(":")[0].strip()] = verdict
            await pilot.press("right")
            await settle(app, pilot)
    assert "tilting toward craving" in verdicts["coffee"]
    assert "recovering" in verdicts["phone"]
