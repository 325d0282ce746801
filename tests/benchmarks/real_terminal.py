"""Measure what a person waits for in a real terminal: a command launched in tmux, and the
moment a given text is on its screen. Shared by the real-terminal benchmarks.

Each measurement runs on a private tmux server (its own socket), so it never touches the
person's sessions; the screen is polled every millisecond with `capture-pane`, which is
what a person's eyes would see. tmux's own start-up is paid by both sides of a comparison
alike."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from pathlib import Path

BARE_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("bare text is visible")
        yield Footer()


Bare().run()
"""


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


def write_bare_app(folder: Path) -> Path:
    script = folder / "bare_app.py"
    script.write_text(BARE_APP, encoding="utf-8")
    return script


def time_until_visible(
    command: list[str],
    expected: str,
    env: dict[str, str] | None = None,
    size: tuple[int, int] = (80, 24),
    timeout: float = 30.0,
) -> float:
    """Seconds from launching `command` in a fresh 80×24 tmux window to `expected` being on
    its screen."""
    socket = f"teeter-bench-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", socket, "-f", "/dev/null"]
    full_env = {**os.environ, **(env or {})}
    # A pane closes with its program: keep it open so a quick exit is still readable.
    shell_line = f"{shlex.join(command)}; sleep 30"
    width, height = size
    start = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", str(width), "-y", str(height), shell_line],
        env=full_env,
        check=True,
    )
    try:
        while True:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True, env=full_env
            ).stdout
            if expected in screen:
                return time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                raise AssertionError(f"{expected!r} never appeared; the screen was:\n{screen}")
            time.sleep(0.001)
    finally:
        subprocess.run([*tmux, "kill-server"], env=full_env, capture_output=True)


class Terminal:
    """One program kept running in a private 80×24 tmux server, for timing key presses:
    `press(keys, until)` sends keys as a person types them and returns the seconds until
    `until` is on the screen."""

    def __init__(self, command: list[str], env: dict[str, str], size: tuple[int, int] = (80, 24)):
        self._socket = f"teeter-bench-{uuid.uuid4().hex[:8]}"
        self._tmux = ["tmux", "-L", self._socket, "-f", "/dev/null"]
        self._env = {**os.environ, **env}
        width, height = size
        subprocess.run(
            [*self._tmux, "new-session", "-d", "-x", str(width), "-y", str(height)]
            + [f"{shlex.join(command)}; sleep 30"],
            env=self._env,
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            [*self._tmux, "capture-pane", "-p"], capture_output=True, text=True, env=self._env
        ).stdout

    def wait_for(self, text: str, timeout: float = 30.0) -> float:
        start = time.perf_counter()
        while True:
            screen = self.screen()
            if text in screen:
                return time.perf_counter() - start
            if time.perf_counter() - start > timeout:
                raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")
            time.sleep(0.001)

    def press(self, keys: str, until: str) -> float:
        start = time.perf_counter()
        subprocess.run([*self._tmux, "send-keys", keys], env=self._env, check=True)
        self.wait_for(until)
        return time.perf_counter() - start

    def close(self) -> None:
        subprocess.run([*self._tmux, "kill-server"], env=self._env, capture_output=True)


SWITCH_APP = """\
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label, Static, Tabs

KEYS = [Binding(key, "app.pop_screen", f"Key {key}") for key in ("f1", "f2", "f3", "f4")]


class Form(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), *KEYS]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("the form is visible")
            for i in range(3):
                yield Static(f"line {i}")
            for i in range(3):
                yield Label(f"label {i}")
                yield Input(compact=True)
            yield Input(compact=True)
            yield Input(compact=True)
            yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("time", "stimulus", "enjoyment", "craving", "note")
        self.query_one(Input).focus()


class Log(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back"), *KEYS]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Tabs("coffee", "phone", "chocolate")
        with VerticalScroll():
            yield Static("the log is visible")
            for i in range(4):
                yield Static(f"a card of text {i}\\nwith a second line")
            yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("day", "time", "nth", "gap", "enjoyment", "craving")
        for i in range(7):
            table.add_row("Sun 22 Nov", f"0{i}:00", "1st", "2d", "6", "7")


class Bare(App[None]):
    BINDINGS = [Binding("f", "form", "Form"), Binding("g", "log", "Log")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("home is visible")
        yield Footer()

    def action_form(self) -> None:
        self.push_screen(Form())

    def action_log(self) -> None:
        self.push_screen(Log())


Bare().run()
"""
