"""Delete all my data from settings: a typed confirmation, then nothing left behind."""

from __future__ import annotations

from pathlib import Path

from app.domain.records import ExposureSource
from app.storage.tables import exposures
from app.ui.screens.forget_screen import ForgetScreen
from app.ui.screens.home_screen import HomeScreen
from tests.conftest import FROZEN, query, wait_ready
from tests.test_home_screen import home_today

CANARY = "canary-9d2e"


def seed(db) -> None:  # type: ignore[no-untyped-def]
    exposures.log(
        db,
        stimulus="coffee",
        occurred_at=FROZEN,
        enjoyment=7,
        craving=4,
        note=CANARY,
        source=ExposureSource.SHELL,
        now=FROZEN,
    )


def count(journal: Path | str) -> int:
    return int(query(journal, "SELECT count(*) FROM exposure")[0][0])


async def open_forget(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await pilot.press("comma")
    await pilot.pause()
    app.screen.query_one("#settings-forget").scroll_visible(animate=False)  # below the fold
    await pilot.pause()
    await pilot.click("#settings-forget")
    await pilot.pause()
    assert isinstance(app.screen, ForgetScreen)


async def test_wrong_word_deletes_nothing(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    seed(db)
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await open_forget(app, pilot)
        await pilot.press(*"yes", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ForgetScreen)
        assert "Nothing was deleted" in str(app.screen.query_one("#forget-error").render())
        await pilot.press("escape")
        await pilot.pause()
    assert count(where) == 1


async def test_typed_confirmation_deletes_everything_and_scrubs(make_app, db, where) -> None:  # type: ignore[no-untyped-def]
    seed(db)
    db.close()
    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await open_forget(app, pilot)
        await pilot.press(*"delete", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Nothing logged yet today" in home_today(app)
        await pilot.press("n")  # teeter works on afterwards
        await pilot.pause()
        await pilot.press(*"tea", "tab", "tab", "5", "tab", "5", "enter")
        await pilot.pause()
    assert count(where) == 1
    if db.on_server:
        return  # a server's files are its own (what forget cannot promise is said)
    for path in (Path(where), Path(f"{where}-wal")):
        if path.exists():
            assert CANARY.encode() not in path.read_bytes()
