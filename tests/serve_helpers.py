"""Running a real `teeter serve` and reading what a browser gets from it, for the headless
Chromium tests (and the README screenshot). The app's screen is drawn on a canvas, so the
text a test waits for is read from the websocket frames the page receives."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
NOW = "2026-11-24T09:30:00+01:00"  # the served app's "now": tests never read the wall clock
_CSI = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]"
)


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return "/".join(self.url.split("/")[:3])

    @property
    def token(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[1]

    def sessions(self) -> list[int]:
        """The app processes (descendants) of the server right now."""
        return descendants(self.process.pid)


def serve_env(tmp_path: Path, db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        TEETER_DB=str(db),
        TEETER_NOW=NOW,
        TZ="Europe/Paris",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
    )
    return env


@contextmanager
def served(tmp_path: Path, db: Path, *extra: str) -> Iterator[Served]:
    """`teeter serve` on a free loopback port; stopped with SIGTERM (or killed) at the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=serve_env(tmp_path, db),
    )
    assert process.stdout is not None
    lines: list[str] = []
    url = None
    for line in process.stdout:
        lines.append(line)
        found = re.search(r"(https?://127\.0\.0\.1:\d+/\S+/)", line)
        if found:
            url = found.group(1)
            break
    assert url, "teeter serve printed no URL:\n" + "".join(lines)
    server = Served(process, url, lines)
    try:
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


class Screen:
    """Everything a page's websocket received, as text without escape codes."""

    def __init__(self) -> None:
        self.text = ""
        self.size = (80, 24)  # columns and rows, as the page last told the app
        self.sockets: list[str] = []

    def attach(self, page) -> None:  # type: ignore[no-untyped-def]
        def on_socket(socket) -> None:  # type: ignore[no-untyped-def]
            self.sockets.append(socket.url)
            socket.on("framereceived", self._received)
            socket.on("framesent", self._sent)

        page.on("websocket", on_socket)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, str) and payload.startswith('["resize"'):
            size = json.loads(payload)[1]
            self.size = (int(size["width"]), int(size["height"]))

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            payload = payload.decode("utf-8", "replace")
        self.text += _CSI.sub("", payload)

    def mark(self) -> int:
        return len(self.text)

    def locate(self, needle: str) -> tuple[int, int]:
        """Column and row of `needle` in the last whole-screen drawing, which Textual writes
        line by line from the header's ◐ (column 1 of row 0)."""
        start = self.text.rindex("◐")
        drawing = self.text[start:]
        at = drawing.index(needle)
        row = drawing.count("\n", 0, at)
        line_start = drawing.rfind("\n", 0, at) + 1
        return (at - line_start) + (1 if row == 0 else 0), row

    def press_until(self, page, key: str, needle: str, tries: int = 20) -> None:  # type: ignore[no-untyped-def]
        """Press a key until the screen shows `needle`, as a person presses again when a
        key did nothing (home draws its first look before the database is open)."""
        for _ in range(tries - 1):
            mark = self.mark()
            page.keyboard.press(key)
            try:
                self.wait_for(page, needle, since=mark, seconds=3)
                return
            except AssertionError:
                continue
        mark = self.mark()
        page.keyboard.press(key)
        self.wait_for(page, needle, since=mark)

    def wait_for(self, page, needle: str, since: int = 0, seconds: float = 60) -> None:  # type: ignore[no-untyped-def]
        """Wait (pumping the browser's events) until `needle` was drawn after `since`."""
        deadline = time.monotonic() + seconds
        while needle not in self.text[since:]:
            if time.monotonic() > deadline:
                if seconds < 10:
                    raise AssertionError(f"{needle!r} not yet on the page")
                page.screenshot(path=str(Path(os.environ.get("TMPDIR", "/tmp")) / "serve-fail.png"))
                raise AssertionError(
                    f"{needle!r} never appeared on the page; it shows:\n{self.text[since:][-3000:]}"
                )
            page.wait_for_timeout(100)


def launch(playwright):  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
