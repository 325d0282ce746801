"""`teeter serve` end to end in headless Chromium (Debian's, driven by Playwright): a person
opens the link, logs an exposure by keys and taps, and the row is in the database; nobody
without the token gets in or starts a process; two tabs work at once; the page asks nothing
of any host but the server; SIGTERM quits every session cleanly."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.serve_helpers import CHROMIUM, NOW, Screen, Served, launch, served

if os.environ.get("CI") != "true":  # CI installs both; a developer without them skips
    pytest.importorskip("playwright", reason="needs the playwright package")
    pytest.importorskip("textual_serve", reason="needs the serve extra")
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium", allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

PHONE = {"width": 390, "height": 760}  # a phone in portrait: about 45 columns


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database that already knows coffee, so quick log opens on its ratings."""
    from app.cli import main

    monkeypatch.setenv("TEETER_NOW", NOW)
    db = tmp_path / "served.db"
    assert main(["--db", str(db), "log", "coffee", "-e", "5", "-c", "5", "--at", "08:00"]) == 0
    return db


def exposures(db: Path) -> list[tuple[str, int, int, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT stimulus.name, enjoyment, craving, source FROM exposure "
            "JOIN stimulus ON stimulus.id = exposure.stimulus_id ORDER BY exposure.id"
        ).fetchall()


def app_processes(server: Served) -> list[int]:
    found = []
    for pid in server.sessions():
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"app" in command and b"serve" not in command:
            found.append(pid)
    return found


def open_tab(context, server: Served, screen: Screen) -> Page:  # type: ignore[no-untyped-def]
    page = context.new_page()
    screen.attach(page)
    response = page.goto(server.url)
    assert response is not None and response.status == 200
    screen.wait_for(page, "08:00")  # home shows the morning's coffee
    page.focus(".xterm-helper-textarea")  # a tap on the terminal: the app gets focus
    return page


def tap_cell(page: Page, screen: Screen, column: int, row: int) -> None:
    """A tap on one character cell (a negative row counts from the bottom: -1 is the footer)."""
    box = page.locator(".xterm-screen").bounding_box()
    assert box is not None
    columns, rows = screen.size
    row = row % rows
    page.mouse.click(
        box["x"] + (column + 0.5) * box["width"] / columns,
        box["y"] + (row + 0.5) * box["height"] / rows,
    )


def bar(digit: str) -> str:
    """How a rating widget draws a value: filled squares, dots, the number."""
    value = int(digit)
    return "■" * value + "·" * (10 - value) + f" {value:>2}"


def quick_log(page: Page, screen: Screen, enjoyment: str, craving: str) -> None:
    """`n`, enjoyment by a digit, craving by a tap on its bar, then a tap on Save."""
    mark = screen.mark()
    screen.press_until(page, "n", "Craving (wanting more)")  # the quick-log form
    screen.wait_for(page, "Cancel", since=mark)  # its footer is drawn: there is a Save to tap
    page.keyboard.press(enjoyment)  # a digit from the phone's keyboard
    screen.wait_for(page, bar(enjoyment), since=mark)
    column, row = screen.locate("Craving (wanting more)")
    mark = screen.mark()
    tap_cell(page, screen, column + 24 + int(craving) - 1, row)  # a tap on the rating's bar
    screen.wait_for(page, bar(craving), since=mark)
    page.wait_for_timeout(1000)  # the footer redraws for the newly focused rating: let it settle
    mark = screen.mark()
    tap_cell(page, screen, 2, -1)  # "⏎ Save", the first key of the footer
    screen.wait_for(page, "Logged coffee", since=mark)


def test_a_quick_log_from_a_phone_lands_in_the_database_and_nothing_else_is_asked(
    browser, tmp_path: Path, journal: Path
) -> None:
    with served(tmp_path, journal) as server:
        context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        screen = Screen()
        page = open_tab(context, server, screen)
        assert 40 <= screen.size[0] <= 50  # the page sized the app for a phone
        quick_log(page, screen, "7", "3")
        assert exposures(journal)[-1] == ("coffee", 7, 3, "quick")
        context.close()
    assert requests, "the browser made no request at all"
    assert all(url.startswith(server.url) for url in requests), requests
    assert screen.sockets == [server.url.replace("http://", "ws://") + "ws?" + _size(screen)]


def _size(screen: Screen) -> str:
    return screen.sockets[0].rsplit("?", 1)[1]  # width/height the page measured


def test_without_the_token_or_with_a_wrong_one_it_is_403_and_no_app_starts(
    browser, tmp_path: Path, journal: Path, loopback_only: None
) -> None:
    with served(tmp_path, journal) as server:
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        wrong = "A" * len(server.token)
        for url in (f"{server.origin}/", f"{server.origin}/{wrong}/", f"{server.origin}/ws"):
            response = page.goto(url)
            assert response is not None and response.status == 403, url
        assert (
            page.evaluate(
                """url => new Promise(done => {
                const socket = new WebSocket(url);
                socket.onopen = () => done("open");
                socket.onerror = () => done("refused");
            })""",
                f"{server.origin.replace('http', 'ws')}/{wrong}/ws",
            )
            == "refused"
        )
        host, port = server.origin.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as raw:
            raw.sendall(
                f"GET /{wrong}/ws HTTP/1.1\r\nHost: {host}\r\nConnection: Upgrade\r\n"
                "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n".encode()
            )
            assert raw.recv(64).startswith(b"HTTP/1.1 403")
        context.close()
        assert app_processes(server) == []
    assert exposures(journal) == [("coffee", 5, 5, "shell")]


def test_two_tabs_at_once_each_run_their_own_app_on_the_one_journal(
    browser, tmp_path: Path, journal: Path
) -> None:
    with served(tmp_path, journal) as server:
        context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
        first_screen, second_screen = Screen(), Screen()
        first = open_tab(context, server, first_screen)
        second = open_tab(context, server, second_screen)
        assert len(app_processes(server)) == 2
        quick_log(second, second_screen, "4", "9")
        first.bring_to_front()
        first.focus(".xterm-helper-textarea")
        quick_log(first, first_screen, "8", "2")
        assert sorted(exposures(journal)[1:]) == [
            ("coffee", 4, 9, "quick"),
            ("coffee", 8, 2, "quick"),
        ]
        context.close()


def test_a_full_house_is_refused_before_any_app_starts(
    browser, tmp_path: Path, journal: Path
) -> None:
    with served(tmp_path, journal, "--max-sessions", "1") as server:
        context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
        open_tab(context, server, Screen())
        extra = context.new_page()
        response = extra.goto(server.url)
        assert response is not None and response.status == 503
        assert "all 1 teeter sessions are in use" in extra.content()
        assert len(app_processes(server)) == 1
        context.close()


def test_sigterm_quits_every_session_cleanly_and_keeps_what_was_saved(
    browser, tmp_path: Path, journal: Path
) -> None:
    with served(tmp_path, journal) as server:
        context = browser.new_context(viewport=PHONE)  # type: ignore[attr-defined]
        screen = Screen()
        page = open_tab(context, server, screen)
        open_tab(context, server, Screen())
        quick_log(page, screen, "6", "4")
        apps = app_processes(server)
        assert len(apps) == 2
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(30) == 0
        rest = server.process.stdout.read()  # type: ignore[union-attr]
        assert rest.count("closed: teeter serve stopped") == 2, rest
        assert "Traceback" not in rest
        assert all(not Path(f"/proc/{pid}").exists() for pid in apps)
        context.close()
    assert exposures(journal)[-1] == ("coffee", 6, 4, "quick")
    with sqlite3.connect(journal) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
