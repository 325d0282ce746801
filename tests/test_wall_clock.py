"""`app.wall_clock` reads the machine's zone and now without pendulum (for `teeter log` and
`teeter status`), and must agree with what pendulum, the app's clock, reads. Each case runs
in a fresh process, as a shell command does, so pendulum is not loaded beforehand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_PROBE = """
import json, sys
import datetime as dt
from app import wall_clock
light = wall_clock.local_zone()
loaded_before = "pendulum" in sys.modules
now = wall_clock.now()
import pendulum
from app.clock import system_now
heavy = pendulum.local_timezone()
days = [
    dt.datetime(2026, month, 1, hour, tzinfo=dt.UTC)
    for month in range(1, 13) for hour in range(0, 24, 5)
]
print(json.dumps({
    "light_is_stdlib": type(light).__module__ == "zoneinfo",
    "pendulum_loaded_before": loaded_before,
    "offsets_agree": all(d.astimezone(light).utcoffset() == d.astimezone(heavy).utcoffset()
                         for d in days),
    "now_agrees": now == system_now() and now.utcoffset() == system_now().utcoffset(),
    "light": str(light), "heavy": heavy.name,
}))
"""


def _probe(**env: str) -> dict[str, object]:
    base = {k: v for k, v in os.environ.items() if k not in ("TZ", "TEETER_NOW")}
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "tz",
    ["Europe/Paris", ":Europe/Paris", "Pacific/Chatham", "America/St_Johns", "Asia/Kolkata", "UTC"],
)
def test_a_tz_setting_is_read_alike_without_pendulum(tz: str) -> None:
    found = _probe(TZ=tz, TEETER_NOW="2026-03-29T01:30:00+00:00")
    assert found["light_is_stdlib"] and not found["pendulum_loaded_before"], found
    assert found["offsets_agree"] and found["now_agrees"], found


def test_the_machine_zone_is_read_alike_without_pendulum() -> None:
    """No TZ: `/etc/timezone` or where `/etc/localtime` points, as pendulum reads them."""
    found = _probe(TEETER_NOW="2026-10-25T00:59:00Z")
    assert not found["pendulum_loaded_before"], found
    assert found["offsets_agree"] and found["now_agrees"], found


@pytest.mark.parametrize(
    "tz", ["EST5EDT,M3.2.0,M11.1.0", "Not/A_Zone", "/usr/share/zoneinfo/Asia/Tokyo"]
)
def test_a_setting_it_does_not_read_is_left_to_pendulum(tz: str) -> None:
    """A rule string, an unknown name or a file path: pendulum answers, as in the app."""
    found = _probe(TZ=tz, TEETER_NOW="2026-07-01T12:00:00Z")
    assert not found["light_is_stdlib"], found
    assert found["offsets_agree"] and found["now_agrees"], found


def test_the_shell_log_and_status_never_load_pendulum(tmp_path: Path) -> None:
    """`teeter log` (its time is now) and `teeter status` stay light: pendulum's import was a
    third of what `teeter log` cost."""
    script = (
        "import sys; from app.cli import main\n"
        "for argv in (['log', 'coffee', '-e', '6', '-c', '7'], ['status']):\n"
        "    assert main(['--db', sys.argv[1], *argv]) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "      ('pendulum', 'sqlmodel', 'sqlalchemy', 'textual')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "teeter.db")],
        env={**os.environ, "TZ": "Europe/Paris", "TEETER_NOW": "2026-03-10T11:00:00+01:00"},
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert done.stdout.splitlines()[-1] == "[]", done.stdout
