"""A read or a save that comes back after its screen closed lands nowhere, and the app goes on.

Seen in CI: on the Track step a look-up of today's entries was still running when the
person pressed enter; the step moved on, the look-up came back, reached for the closed
step's table, and the error ended the app mid check-in. Here the result is kept back and
handed to the loop only once the screen is closing, or closed, so it lands late every time."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from app.storage.file.errors import StorageError
from app.ui.background import in_background, look_up
from tests.conftest import until


class Step(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("step", id="shown")

    def show(self, text: str) -> None:
        self.query_one("#shown", Static).update(text)


class Host(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Step())


def catch_landing(app: App[None]) -> list[tuple[object, tuple[object, ...]]]:
    """Keep what the worker hands back to the loop, to be run when the test says: the moment
    a result lands is then chosen, not raced."""
    caught: list[tuple[object, tuple[object, ...]]] = []
    app.call_from_thread = lambda callback, *args: caught.append((callback, args))  # type: ignore[method-assign,assignment,misc]
    return caught


def land(caught: list[tuple[object, tuple[object, ...]]]) -> None:
    ((callback, args),) = caught
    callback(*args)  # type: ignore[operator]


@pytest.mark.parametrize("closed", [False, True], ids=["while-closing", "after-closed"])
async def test_a_look_up_that_lands_after_its_screen_closed_is_dropped(closed: bool) -> None:
    app = Host()
    shown: list[object] = []
    async with app.run_test() as pilot:
        step = app.screen
        assert isinstance(step, Step)
        caught = catch_landing(app)
        look_up(step, lambda: "today", lambda r: (shown.append(r), step.show("x")), group="g")
        await until(lambda: bool(caught))
        app.pop_screen()  # off the stack at once; its widgets are removed a moment later
        if closed:
            await pilot.pause()
        land(caught)
        await pilot.pause()
        assert app.is_running  # the app was not ended by the late result
        assert shown == []


@pytest.mark.parametrize("closed", [False, True], ids=["while-closing", "after-closed"])
async def test_a_save_that_lands_after_its_screen_closed_keeps_its_write_quietly(
    closed: bool,
) -> None:
    app = Host()
    landed: list[object] = []
    async with app.run_test() as pilot:
        step = app.screen
        assert isinstance(step, Step)
        caught = catch_landing(app)
        in_background(
            step,
            lambda: 1,
            lambda r: (landed.append(r), step.show(str(r))),
            landed.append,
            group="s",
        )
        await until(lambda: bool(caught))
        app.pop_screen()
        if closed:
            await pilot.pause()
        land(caught)
        await pilot.pause()
        assert app.is_running
        assert landed == []
        assert not list(app._notifications)  # nothing to say: the write stands


async def test_a_save_that_fails_after_its_screen_closed_is_still_told() -> None:
    app = Host()
    async with app.run_test() as pilot:
        step = app.screen
        assert isinstance(step, Step)
        caught = catch_landing(app)
        error = StorageError("The journal is busy: nothing was written. Try again in a moment.")

        def fail() -> None:
            raise error

        in_background(step, fail, lambda r: None, lambda e: step.show("x"), group="s")
        await until(lambda: bool(caught))
        app.pop_screen()
        await pilot.pause()
        land(caught)
        await pilot.pause()
        assert app.is_running
        (told,) = list(app._notifications)
        assert told.message == str(error)
        assert told.severity == "error"
