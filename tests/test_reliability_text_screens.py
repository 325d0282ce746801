"""Text a person typed, on the real screens: names and notes that look like markup, actions,
links and escape sequences, with wide and combining characters, appear literally on home,
in the check-in steps, the quick log and its toast, the log, timers and stimuli screens;
clicking on them runs nothing. Also the shell's outputs: the status line and the report.

A handful of examples, not hypothesis: Pilot is slow (tests/test_reliability_text.py runs
the property tests on the functions every screen uses)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import DataTable, Input

from app.cli import main
from app.domain.text import clean_name, clean_note, one_line
from app.ui.safe_text import fit
from app.ui.screens.home_screen import HomeScreen
from tests.conftest import FROZEN, wait_ready
from tests.reliability_helpers import TYPED_NAMES, TYPED_NOTE, fill

NAMES = [clean_name(n) for n in TYPED_NAMES]
NOTE = clean_note(TYPED_NOTE)


def visible(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows right now, as text."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def no_controls(text: str) -> bool:
    return not any(unicodedata.category(c)[0] == "C" and c != "\n" for c in text)


class Spy:
    """Stands in for an action a crafted name might try to trigger."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *args: object) -> None:
        self.calls += 1


async def click_all_over(pilot, app, spies: list[Spy]) -> None:  # type: ignore[no-untyped-def]
    """Click where a person's text is drawn (the `[` of a crafted name or note, else the
    middle of the screen); nothing may run."""
    spots = []
    for y, line in enumerate(visible(app).splitlines()):
        x = line.find("[")
        if x >= 0:
            spots.append((x + 1, y))
    spots = spots[:3] or [(app.size[0] // 2, app.size[1] // 2)]
    for spot in spots:
        await pilot.click(offset=spot)
    await pilot.pause()
    assert app.is_running
    assert [spy.calls for spy in spies] == [0] * len(spies)


async def back_home(app, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(8):
        if isinstance(app.screen, HomeScreen):
            return
        await pilot.press("escape")
        await pilot.pause()
    assert isinstance(app.screen, HomeScreen)


async def walk(app, pilot, spies: list[Spy], everywhere: bool) -> None:  # type: ignore[no-untyped-def]
    await wait_ready(app, pilot)
    await back_home(app, pilot)
    home = visible(app)
    for name in NAMES:
        assert fit(name, 24).rstrip() in home, name
    assert no_controls(home)
    await click_all_over(pilot, app, spies)

    # the check-in: Notice lists the names, Track shows the notes in its table
    await pilot.press("c")
    await pilot.pause()
    notice = visible(app)
    assert NAMES[0] in notice and no_controls(notice)
    await click_all_over(pilot, app, spies)
    for _ in range(4 if everywhere else 1):  # Track, then Space, Reframe, the summary
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert no_controls(visible(app))
        for table in app.screen.query(DataTable):
            for row in range(table.row_count):
                assert all(no_controls(str(value)) for value in table.get_row_at(row))
        await click_all_over(pilot, app, spies)
    await back_home(app, pilot)

    # the quick log: a crafted name typed in, saved, and its toast
    await pilot.press("n")
    await pilot.pause()
    assert NAMES[0] in visible(app)
    app.screen.query_one("#stimulus", Input).value = "[@click=app.bell]new[/] \\"
    app.screen.query_one("#note", Input).value = "[/]"
    app.screen.query_one("#enjoyment").focus()
    await pilot.press("5", "tab", "6", "enter")
    for _ in range(250):  # the save runs off the event loop
        await pilot.pause(0.02)
        if isinstance(app.screen, HomeScreen):
            break
    assert isinstance(app.screen, HomeScreen)
    await pilot.pause()
    toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
    assert [toast for toast in toasts if "[@click=app.bell]new[/] \\" in toast]
    await click_all_over(pilot, app, spies)
    if not everywhere:
        return
    for key in ("l", "t", "s", "question_mark", "comma"):  # every other screen
        await back_home(app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert no_controls(visible(app)), key
        await click_all_over(pilot, app, spies)


@pytest.mark.parametrize(
    "everywhere", [False, pytest.param(True, marks=pytest.mark.slow)], ids=["main", "all"]
)
async def test_typed_text_is_shown_literally_and_clicks_run_nothing(  # type: ignore[no-untyped-def]
    make_app, db, everywhere: bool
) -> None:
    fill(db)
    app = make_app()
    spies = [Spy(), Spy(), Spy()]
    app.action_quit, app.action_bell, app.action_toggle_dark = spies  # what a name might call
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await walk(app, pilot, spies, everywhere)
        assert app.is_running


@pytest.mark.parametrize("screen_key", ["l", "t", "s"])
async def test_names_appear_literally_on_the_list_screens(make_app, db, screen_key: str) -> None:  # type: ignore[no-untyped-def]
    fill(db)
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_ready(app, pilot)
        await back_home(app, pilot)
        await pilot.press(screen_key)
        await pilot.pause()
        await pilot.pause()
        shown_now = visible(app)
        # the screen may cut a long name: its first characters appear as typed
        assert any(name[:12] in shown_now for name in NAMES), shown_now


# --- the shell's outputs -----------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4), st.integers(0, 4))
def test_status_line_is_one_printable_line(names: list[str], done: int) -> None:
    from app.domain.status_line import status_line

    now = dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.UTC)
    running = [(n, now + dt.timedelta(minutes=5 * i - 5)) for i, n in enumerate(names)]
    steps = ["done"] * done + ["pending"] * (4 - done)
    line = status_line(running, steps, now)
    assert "\n" not in line and all(c.isprintable() for c in line), repr(line)


def run_main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "command",
    [["report", "--days", "3"], ["timer", "list"], ["status"]],
    ids=lambda c: c[0],
)
def test_shell_outputs_show_names_and_notes_without_controls(  # type: ignore[no-untyped-def]
    capsys, db, where, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    fill(db)
    monkeypatch.setenv("TEETER_NOW", FROZEN.isoformat())
    code, out, err = run_main(capsys, "--db", str(where), *command)
    assert code == 0, err
    assert no_controls(out) and no_controls(err)
    if command[0] != "status":
        assert any(one_line(name)[:12] in out for name in NAMES), out


def test_log_echoes_a_crafted_name_without_controls(capsys, db_path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run_main(
        capsys, "--db", str(db_path), "log", TYPED_NAMES[2], "-e", "5", "-c", "5"
    )
    assert code == 0, err
    assert no_controls(out) and NAMES[2] in out
