"""The watcher's loop in process, on a movable clock and a recording channel (the D-Bus
side is tested in test_watch_desktop.py): it wakes for a timer that a shell started after
it went to sleep, sends once, survives a clock that jumps both ways, and without the
notify extra `teeter watch` says so in one line."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys

from app.domain.notice_words import Words
from app.storage.tables import timers
from app.watch import runner
from tests.conftest import FROZEN


class Recorder:
    """Stands in for DesktopChannel: what would have been sent."""

    def __init__(self) -> None:
        self.sent: list[Words] = []

    async def answers_here(self) -> bool:
        return True

    async def send(self, words: Words, *, timer_id: int | None = None) -> bool:
        self.sent.append(words)
        return True


async def test_the_loop_sends_once_and_survives_clock_jumps(db, where, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(runner, "NAP", 0.02)
    recorder, lines = Recorder(), []
    watcher = runner.Watcher(where, clock, lines.append, channel=recorder)  # type: ignore[arg-type]
    stop = asyncio.Event()
    task = asyncio.create_task(watcher.run(stop))

    async def naps(count: int = 5) -> None:
        await asyncio.sleep(runner.NAP * count)

    await naps()
    timers.start(db, "coffee", dt.timedelta(hours=2), FROZEN)  # from "the shell", later
    await naps()
    assert recorder.sent == []
    clock.advance(hours=8)  # the laptop slept through the end
    await naps()
    assert [w.title for w in recorder.sent] == ["coffee: timer done"]
    assert recorder.sent[0].body.startswith("It ran out at 11:30.")  # said late, plainly
    clock.advance(hours=-7)  # the clock is set back before the end: nothing again
    await naps()
    clock.advance(hours=2)
    await naps()
    assert len(recorder.sent) == 1
    stop.set()
    await asyncio.wait_for(task, 5)
    watcher.close()
    assert lines == ["sent: coffee: timer done"]


def test_without_the_notify_extra_watch_says_how_in_one_line(db_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    monkeypatch.setitem(sys.modules, "desktop_notifier", None)  # as if not installed
    assert main(["--db", str(db_path), "watch"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and not db_path.exists()
    assert err == (
        "teeter watch: desktop notifications need the notify extra: pip install "
        "'teeter[notify]' (or pipx inject teeter desktop-notifier)\n"
    )


def test_watch_urge_and_remind_never_import_textual(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    from pathlib import Path

    db = tmp_path / "teeter.db"
    code = (
        "import sys\n"
        "from app.cli import main\n"
        "from app.watch.runner import Watcher\n"
        f"main(['--db', {str(db)!r}, 'remind', 'at', '20:30'])\n"
        "try:\n"
        f"    main(['--db', {str(db)!r}, 'urge', '4'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "assert not bad, bad\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60
    )
    assert done.returncode == 0, done.stderr
