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
