"""`teeter watch` end to end against a real D-Bus session bus (dbus-daemon, started here)
with a stand-in notification daemon (tests/notification_receiver.py) that records what
arrives and presses buttons as a person would. "Now" is pinned with TEETER_NOW for every
process; nothing reads the wall clock."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("desktop_notifier")

ROOT = Path(__file__).resolve().parents[1]
RECEIVER = ROOT / "tests" / "notification_receiver.py"
START = "2026-11-24T09:30:00+01:00"
AT_END = "2026-11-24T09:31:05+01:00"  # the 1-minute timer ran out 5 s ago

pytestmark = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None,
    reason="dbus-daemon is missing (apt-get install dbus; .ci/run does)",
)


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A private session bus; the environment every process of the test uses."""
    out = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1"],
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    ).stdout.split()
    address, pid = out[0], int(out[1])
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": address,
        "TZ": "Europe/Paris",
        "TEETER_NOW": START,
    }
    env.pop("TEETER_DB", None)
    yield env
    os.kill(pid, signal.SIGTERM)


class Receiver:
    def __init__(self, env: dict[str, str], tmp_path: Path, capabilities: list[str]) -> None:
        self.record = tmp_path / f"received-{len(list(tmp_path.glob('received-*')))}.jsonl"
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, str(RECEIVER), str(self.record), *capabilities],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "ready"

    def received(self) -> list[dict]:  # type: ignore[type-arg]
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines()]

    def wait_for(self, count: int, seconds: float = 10) -> list[dict]:  # type: ignore[type-arg]
        for _ in range(int(seconds / 0.05)):
            if len(self.received()) >= count:
                break
            time.sleep(0.05)
        return self.received()

    def act(self, method: str, notification_id: int, text: str) -> None:
        subprocess.run(
            [
                "dbus-send", "--session", "--print-reply",
                "--dest=org.freedesktop.Notifications", "/org/teeter/TestReceiver",
                f"org.teeter.TestReceiver.{method}", f"uint32:{notification_id}", f"string:{text}",
            ],
            env=self.env,
            check=True,
            capture_output=True,
            timeout=10,
        )  # fmt: skip

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def receiver(bus: dict[str, str], tmp_path: Path) -> Iterator[Receiver]:
    found = Receiver(bus, tmp_path, ["actions", "body"])
    yield found
    found.close()


def teeter(env: dict[str, str], db: Path, *args: str, now: str = START):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db), *args],
        env={**env, "TEETER_NOW": now},
        capture_output=True,
        text=True,
        timeout=30,
        cwd=ROOT,
    )


class Watcher:
    def __init__(self, env: dict[str, str], db: Path, log: Path, now: str = AT_END) -> None:
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app", "--db", str(db), "watch"],
            env={**env, "TEETER_NOW": now},
            stderr=log.open("w"),
            cwd=ROOT,
        )

    def lines(self) -> list[str]:
        return self.log.read_text().splitlines()

    def wait_for(self, words: str, seconds: float = 10) -> None:
        for _ in range(int(seconds / 0.05)):
            if any(words in line for line in self.lines()):
                return
            time.sleep(0.05)
        raise AssertionError(f"never logged {words!r}: {self.lines()}")

    def stop(self) -> int:
        """SIGTERM, as systemd or launchd stop it; its exit status."""
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=10)


def rows(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_a_shell_timer_ends_in_exactly_one_notification_even_after_a_restart(
    bus, receiver, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "teeter.db"
    assert teeter(bus, db, "timer", "start", "coffee", "1m").returncode == 0
    first = Watcher(bus, db, tmp_path / "first.log")
    first.wait_for("sent: coffee: timer done")
    [note] = receiver.wait_for(1)
    assert note["app_name"] == "teeter"
    assert note["summary"] == "coffee: timer done"
    assert note["body"] == "How strong is the craving now? (1-10)"
    buttons = note["actions"][note["actions"].index("urge-1") :]
    assert buttons[::2] == [f"urge-{n}" for n in range(1, 11)]
    assert buttons[1::2] == [str(n) for n in range(1, 11)]
    time.sleep(1.5)  # more naps change nothing
    assert first.stop() == 0
    assert "stopped" in first.lines()[-1]
    assert rows(db, "SELECT end_reason, ended_at, urge_asked FROM timer") == [
        ("ran_out", "2026-11-24 08:31:00.000000", 1)
    ]
    again = Watcher(bus, db, tmp_path / "again.log", now="2026-11-24T09:40:00+01:00")
    again.wait_for("watching")
    time.sleep(2.5)
    assert again.stop() == 0
    assert len(receiver.received()) == 1
    assert not any("sent" in line for line in again.lines())


def test_two_watchers_send_one_notification(bus, receiver, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "teeter.db"
    for name in ("coffee", "tea", "phone"):
        assert teeter(bus, db, "timer", "start", name, "1m").returncode == 0
    watchers = [Watcher(bus, db, tmp_path / f"w{n}.log") for n in range(2)]
    received = receiver.wait_for(3)
    time.sleep(2.5)
    assert [w.stop() for w in watchers] == [0, 0]
    received = receiver.received()
    assert sorted(n["summary"] for n in received) == [
        "coffee: timer done",
        "phone: timer done",
        "tea: timer done",
    ]
    sent = [line for w in watchers for line in w.lines() if "sent:" in line]
    assert len(sent) == 3


def test_a_button_press_lands_as_the_urge_and_the_app_does_not_ask_again(
    bus, receiver, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "teeter.db"
    teeter(bus, db, "timer", "start", "coffee", "1m")
    watcher = Watcher(bus, db, tmp_path / "watch.log")
    [note] = receiver.wait_for(1)
    receiver.act("Press", note["id"], "urge-7")
    watcher.wait_for("craving 7/10 saved (the timer's end)")
    assert watcher.stop() == 0
    assert rows(db, "SELECT urge, urge_asked FROM timer") == [(7, 1)]
    assert rows(db, "SELECT count(*) FROM urge_rating") == [(0,)]
    later = teeter(bus, db, "urge", "6", now="2026-11-24T09:45:00+01:00")
    assert later.returncode == 2
    assert (
        later.stderr == "teeter urge: no timer is waiting for a craving answer; name the "
        "stimulus to rate it now: teeter urge NAME N\n"
    )


def test_a_reply_field_takes_the_answer_where_the_service_has_one(bus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    kde = Receiver(bus, tmp_path, ["actions", "body", "inline-reply"])
    try:
        db = tmp_path / "teeter.db"
        teeter(bus, db, "timer", "start", "coffee", "1m")
        watcher = Watcher(bus, db, tmp_path / "watch.log")
        [note] = kde.wait_for(1)
        assert "inline-reply" in note["actions"] and "urge-1" not in note["actions"]
        kde.act("Reply", note["id"], "eleven")
        watcher.wait_for("a reply was not saved")
        assert watcher.stop() == 0
    finally:
        kde.close()
    assert rows(db, "SELECT urge, urge_asked FROM timer") == [(None, 1)]


def test_without_actions_the_notification_says_how_to_answer_from_the_shell(bus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    plain = Receiver(bus, tmp_path, ["body"])
    try:
        db = tmp_path / "teeter.db"
        teeter(bus, db, "timer", "start", "[b]wine", "1m")
        conn = sqlite3.connect(db)
        conn.execute("INSERT INTO setting VALUES ('notify_hide_names', 'on')")
        conn.commit()
        conn.close()
        watcher = Watcher(bus, db, tmp_path / "watch.log")
        [note] = plain.wait_for(1)
        assert watcher.stop() == 0
    finally:
        plain.close()
    assert note["summary"] == "teeter: a spacing timer is done"
    assert note["body"] == "How strong is the craving now? (1-10)\nAnswer with: teeter urge N"
    assert "wine" not in json.dumps(note) + "".join(watcher.lines())
    answered = teeter(bus, db, "urge", "4", now="2026-11-24T09:33:00+01:00")
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout == "[b]wine: craving 4/10 recorded for the timer that ran out at 09:31\n"


def test_the_check_in_reminder_comes_once_and_not_after_the_check_in(
    bus, receiver, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "teeter.db"
    said = teeter(bus, db, "remind", "at", "20:30")
    assert said.stdout == (
        "check-in reminder at 20:30, when today's check-in is not complete (sent by teeter watch)\n"
    )
    watcher = Watcher(bus, db, tmp_path / "watch.log", now="2026-11-24T20:31:00+01:00")
    [note] = receiver.wait_for(1)
    time.sleep(1.5)
    assert watcher.stop() == 0
    assert note["summary"] == "teeter: daily check-in"
    again = Watcher(bus, db, tmp_path / "again.log", now="2026-11-24T20:45:00+01:00")
    again.wait_for("watching")
    time.sleep(2)
    assert again.stop() == 0
    assert len(receiver.received()) == 1


def test_no_notification_service_is_one_line_in_the_log_not_a_crash(bus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "teeter.db"
    teeter(bus, db, "timer", "start", "coffee", "1m")
    watcher = Watcher(bus, db, tmp_path / "watch.log")
    watcher.wait_for("no desktop notification service reachable")
    time.sleep(1.5)
    assert watcher.stop() == 0
    lines = watcher.lines()
    assert len([line for line in lines if "reachable" in line]) == 1
    assert not any("Traceback" in line for line in lines)
    # given back: a watcher that can reach a service later still sends it
    assert rows(db, "SELECT count(*) FROM claim") == [(0,)]
    assert rows(db, "SELECT urge_asked FROM timer") == [(0,)]
