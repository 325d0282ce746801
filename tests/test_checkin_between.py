"""Home reads the journal again only when it can be seen. Between two check-in steps it
stays beneath, unseen: it is not drawn or read again at each step (that cost every step
change a full repaint of home), only once the walk ends."""

from __future__ import annotations

import pytest

from app.ui.checkin.flow import Between
from app.ui.checkin.notice_screen import NoticeScreen
from app.ui.checkin.space_screen import SpaceScreen
from app.ui.checkin.track_screen import TrackScreen
from app.ui.screens.home_screen import HomeScreen
from app.ui.screens.log_screen import LogScreen
from app.ui.screens.quick_log_screen import QuickLogScreen
from tests.conftest import wait_ready


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time home reads the journal again: the screen on top at that moment."""
    seen: list[str] = []
    original = HomeScreen.reload

    def counted(self: HomeScreen) -> None:
        seen.append(type(self.app.screen).__name__)
        original(self)

    monkeypatch.setattr(HomeScreen, "reload", counted)
    return seen


async def reach(app, pilot, screen_type: type) -> None:  # type: ignore[no-untyped-def]
    for _ in range(500):
        if isinstance(app.screen, screen_type):
            await pilot.pause()
            return
        await pilot.pause(0.01)
    raise AssertionError(f"stuck on {app.screen!r}")


async def test_home_is_not_read_again_between_steps(make_app, reads: list[str]) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("c")
        await reach(app, pilot, NoticeScreen)
        assert [type(s).__name__ for s in app.screen_stack][-3:] == [
            "HomeScreen",
            "Between",
            "NoticeScreen",
        ]
        reads.clear()
        await pilot.press("ctrl+s")  # skip Notice
        await reach(app, pilot, TrackScreen)
        await pilot.press("ctrl+s")  # skip Track
        await reach(app, pilot, SpaceScreen)
        assert reads == []
        await pilot.press("escape")  # back to Track
        await reach(app, pilot, TrackScreen)
        await pilot.press("escape")
        await reach(app, pilot, NoticeScreen)
        await pilot.press("escape")  # leave the walk: home is itself again, read once more
        await reach(app, pilot, HomeScreen)
        assert not any(isinstance(s, Between) for s in app.screen_stack)
        assert reads and set(reads) == {"HomeScreen"}


async def test_home_is_read_on_a_change_only_when_it_can_be_seen(
    make_app, reads: list[str]
) -> None:  # type: ignore[no-untyped-def]
    """A change while the log is open is read by home when it is back on top, not beneath
    the log; under a dialog (the quick log) home is in sight and reads at once."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("l")
        await reach(app, pilot, LogScreen)
        reads.clear()
        app.data_changed()
        await pilot.pause()
        assert reads == []
        await pilot.press("escape")
        await reach(app, pilot, HomeScreen)
        assert reads and set(reads) == {"HomeScreen"}
        await pilot.press("n")
        await reach(app, pilot, QuickLogScreen)
        reads.clear()
        app.data_changed()
        await pilot.pause()
        assert reads and set(reads) == {"QuickLogScreen"}
