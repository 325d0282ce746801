"""Key press to the next screen in a real terminal: the `teeter` command in tmux at 80×24,
a key sent as a person types it, until the next screen's words are on the screen; against a
bare Textual app in the same terminal pushing a comparable screen (stock widgets in the
numbers the teeter screen has: a check-in step's form and table, the log's tabs, cards and
table). Alternating rounds, medians and the median of paired ratios.

Run on purpose: `.venv/bin/python -m pytest -m benchmark -s tests/benchmarks`.
Budget (issue 12): ≤ 1.2× the comparable bare push."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

import pytest

from tests.benchmarks import person_env
from tests.benchmarks.real_terminal import SWITCH_APP, Terminal, have_tmux
from tests.benchmarks.test_real_terminal import NOW, TODAY_ONLY, _fill

ROUNDS = int(os.environ.get("TEETER_BENCH_RUNS", "9"))


@pytest.mark.benchmark
@pytest.mark.skipif(not have_tmux(), reason="needs tmux, the real terminal measured here")
def test_key_press_to_next_screen_in_a_real_terminal(tmp_path: Path) -> None:
    pristine = tmp_path / "pristine.db"
    _fill(pristine)
    script = tmp_path / "switch_app.py"
    script.write_text(SWITCH_APP, encoding="utf-8")
    teeter = str(Path(sys.executable).with_name("teeter"))
    times: dict[str, list[float]] = {
        "home → check-in": [],
        "Notice → Track": [],
        "home → log": [],
        "bare form": [],
        "bare log": [],
    }
    env = person_env(
        tmp_path / "pycache", TEETER_NOW=NOW.isoformat(), TZ="UTC", TERM="xterm-256color"
    )
    for round_ in range(ROUNDS + 1):  # the first round warms the bytecode and disk cache
        db = tmp_path / f"journal-{round_}.db"
        shutil.copyfile(pristine, db)  # each round's check-in starts at Notice
        bare = Terminal([sys.executable, str(script)], env)
        ours = Terminal([teeter, "--db", str(db)], env)
        try:
            bare.wait_for("home is visible")
            ours.wait_for(TODAY_ONLY)
            time.sleep(1.5)  # the journal open behind the first look, as a person reads
            measured = {
                "bare form": bare.press("f", "the form is visible"),
                "home → check-in": ours.press("c", "Step 1 of 4 · Notice"),
                "Notice → Track": ours.press("C-s", "Step 2 of 4 · Track"),
            }
            bare.press("Escape", "home is visible")
            measured["bare log"] = bare.press("g", "the log is visible")
            ours.press("Escape", "Step 1 of 4")
            ours.press("Escape", "Today's check-in")
            measured["home → log"] = ours.press("l", "─ Verdict")
        finally:
            bare.close()
            ours.close()
        if round_:
            for name, seconds in measured.items():
                times[name].append(seconds)

    def ratio(name: str, like: str) -> float:
        return statistics.median(o / b for o, b in zip(times[name], times[like], strict=True))

    print("\nkey press → next screen, real terminal (tmux 80x24), medians:")
    for name, like in (
        ("home → check-in", "bare form"),
        ("Notice → Track", "bare form"),
        ("home → log", "bare log"),
    ):
        print(
            f"  {name}: {statistics.median(times[name]) * 1000:.0f} ms vs {like} "
            f"{statistics.median(times[like]) * 1000:.0f} ms, ratio {ratio(name, like):.2f} "
            f"(budget 1.20)"
        )
    assert all(times.values())
