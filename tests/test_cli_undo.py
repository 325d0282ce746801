"""`teeter undo` and `teeter timer stop --cancel`: fixing a mistake from the shell, with "now"
pinned by TEETER_NOW (never the wall clock)."""

from __future__ import annotations

import time
from pathlib import Path

import pendulum
import pytest

from app.cli import main
from tests.conftest import journal_exists, query

ZONE = "Europe/Paris"
NOON = "2026-03-10T12:00:00+01:00"


@pytest.fixture
def at(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Pins now (TEETER_NOW) and the local zone; `at(iso)` moves now."""

    def pin(iso: str) -> None:
        monkeypatch.setenv("TEETER_NOW", iso)

    monkeypatch.setenv("TZ", ZONE)
    time.tzset()
    pendulum.set_local_timezone(pendulum.timezone(ZONE))
    pin(NOON)
    yield pin
    pendulum.set_local_timezone()
    monkeypatch.undo()
    time.tzset()


def teeter(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(["--db", str(db), *args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def rows(db: Path | str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    return query(db, sql)


def exposures(db: Path) -> list[tuple]:  # type: ignore[type-arg]
    return rows(db, "SELECT enjoyment, craving, note FROM exposure ORDER BY id")


# --- undo ----------------------------------------------------------------------------------
def test_undo_removes_the_last_shell_exposure_and_says_which(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    teeter(capsys, where, "log", "coffee", "-e", "6", "-c", "8", "--at", "11:40")
    at("2026-03-10T12:01:00+01:00")
    teeter(capsys, where, "log", "tea", "-e", "3", "-c", "2")
    at("2026-03-10T12:05:00+01:00")
    code, out, err = teeter(capsys, where, "undo")
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "removed tea: enjoyment 3, craving 2 at 12:01 (Tue 10 Mar)"
    assert exposures(where) == [(6, 8, "")]
    code, out, _ = teeter(capsys, where, "undo")  # the one before, still within the window
    assert code == 0 and out.startswith("removed coffee: enjoyment 6, craving 8 at 11:40")
    assert exposures(where) == []


def test_undo_reaches_back_ten_minutes_only(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    teeter(capsys, where, "log", "coffee", "-e", "6", "-c", "8")
    at("2026-03-10T12:10:00+01:00")  # exactly at the limit: still allowed
    assert teeter(capsys, where, "undo")[0] == 0
    at("2026-03-10T12:20:00+01:00")
    teeter(capsys, where, "log", "coffee", "-e", "5", "-c", "5")
    at("2026-03-10T12:30:01+01:00")
    code, out, err = teeter(capsys, where, "undo")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("teeter undo: nothing to undo:")
    assert "coffee: enjoyment 5, craving 5 at 12:20" in err
    assert "more than 10 minutes ago" in err and "log (l)" in err
    assert exposures(where) == [(5, 5, "")]


def test_undo_leaves_what_the_app_logged(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    from app.domain.records import ExposureSource
    from app.storage.file.database import Database
    from app.storage.tables import exposures as stored

    teeter(capsys, where, "log", "coffee", "-e", "6", "-c", "8", "--at", "11:50")
    db = Database(where)
    now = pendulum.parse(NOON)
    stored.log(
        db,
        stimulus="tea",
        occurred_at=now,
        enjoyment=2,
        craving=2,
        source=ExposureSource.QUICK,
        now=now.add(minutes=1),
    )
    db.close()
    code, out, _ = teeter(capsys, where, "undo")
    assert code == 0 and out.startswith("removed coffee")
    assert exposures(where) == [(2, 2, "")]


def test_undo_with_nothing_to_undo(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = teeter(capsys, where, "undo")
    assert (code, out) == (2, "")
    assert err == "teeter undo: nothing to undo: no entry was logged from the shell\n"
    assert not journal_exists(where)  # asking never creates a journal
    teeter(capsys, where, "timer", "start", "coffee", "1h")  # timers are not exposures
    code, _, err = teeter(capsys, where, "undo")
    assert code == 2 and "no entry was logged from the shell" in err
    assert rows(where, "SELECT count(*) FROM timer") == [(1,)]


def test_undo_takes_no_arguments(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    teeter(capsys, where, "log", "coffee", "-e", "6", "-c", "8")
    code, out, err = teeter(capsys, where, "undo", "coffee")
    assert (code, out) == (2, "") and err.count("\n") == 1
    assert exposures(where) == [(6, 8, "")]


# --- timer stop --cancel -------------------------------------------------------------------
def timer_rows(db: Path) -> list[tuple]:  # type: ignore[type-arg]
    return rows(db, "SELECT ended_at IS NOT NULL, end_reason FROM timer ORDER BY id")


def test_cancel_records_a_mistaken_timer_as_cancelled(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    teeter(capsys, where, "timer", "start", "coffee", "2h")
    at("2026-03-10T12:03:00+01:00")
    code, out, err = teeter(capsys, where, "timer", "stop", "Coffee", "--cancel")
    assert (code, err) == (0, "")
    assert out == "coffee: timer cancelled (it was set until 14:00); not counted as ended early\n"
    assert timer_rows(where) == [(1, "cancelled")]
    code, out, _ = teeter(capsys, where, "timer", "list")
    assert "cancelled at 12:03" in out and "ended at" not in out


def test_stop_without_cancel_still_counts_as_ended_early(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    teeter(capsys, where, "timer", "start", "coffee", "2h")
    assert teeter(capsys, where, "timer", "stop", "coffee")[0] == 0
    assert timer_rows(where) == [(1, "ended_early")]


def test_cancel_closes_a_timer_that_ran_out_so_it_is_not_asked_about(  # type: ignore[no-untyped-def]
    at, capsys, db_path: Path
) -> None:
    teeter(capsys, db_path, "timer", "start", "coffee", "30m")
    at("2026-03-10T13:00:00+01:00")
    code, out, _ = teeter(capsys, db_path, "timer", "stop", "coffee", "--cancel")
    assert code == 0 and "cancelled" in out
    assert timer_rows(db_path) == [(1, "cancelled")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("timer", "stop", "tea", "--cancel"), "no timer is running for tea"),
        (("timer", "stop", "  ", "--cancel"), "a stimulus needs a name"),
        (("timer", "stop", "--cancel"), "the following arguments are required: stimulus"),
        (("timer", "stop", "coffee", "--cancel=yes"), "ignored explicit argument"),
    ],
)
def test_cancel_bad_input_is_one_line_exit_2_and_writes_nothing(  # type: ignore[no-untyped-def]
    at, capsys, db_path: Path, args: tuple[str, ...], message: str
) -> None:
    teeter(capsys, db_path, "timer", "start", "coffee", "2h")
    code, out, err = teeter(capsys, db_path, *args)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and message in err
    assert timer_rows(db_path) == [(0, None)]


def test_cancel_on_a_missing_database_creates_nothing(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = teeter(capsys, where, "timer", "stop", "coffee", "--cancel")
    assert code == 2 and "no timer is running for coffee" in err
    assert not journal_exists(where)


def test_undo_also_removes_a_stimulus_that_log_created(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    teeter(capsys, where, "log", "coffee", "-e", "6", "-c", "8", "--at", "11:00")
    at("2026-03-10T12:01:00+01:00")
    teeter(capsys, where, "log", "cofee", "-e", "6", "-c", "8")  # a typo makes a new one
    code, out, _ = teeter(capsys, where, "undo")
    assert code == 0
    assert out.splitlines()[1] == "removed the stimulus cofee too: that log had created it"
    assert rows(where, "SELECT name FROM stimulus") == [("coffee",)]
    code, out, _ = teeter(capsys, where, "undo")  # coffee had been created earlier too
    assert code == 0 and out.count("\n") == 2 and rows(where, "SELECT name FROM stimulus") == []


def test_undo_keeps_a_stimulus_that_was_there_before(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    teeter(capsys, where, "timer", "start", "tea", "1h")
    at("2026-03-10T12:01:00+01:00")
    teeter(capsys, where, "log", "tea", "-e", "6", "-c", "8")
    code, out, _ = teeter(capsys, where, "undo")
    assert code == 0 and out.count("\n") == 1
    assert rows(where, "SELECT name FROM stimulus") == [("tea",)]


def test_undo_names_the_practice_day(at, capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    at("2026-03-11T00:49:00+01:00")  # days start at 04:00: still Tuesday's evening
    teeter(capsys, where, "log", "wine", "-e", "5", "-c", "6")
    code, out, _ = teeter(capsys, where, "undo")
    assert code == 0
    assert out.splitlines()[0] == "removed wine: enjoyment 5, craving 6 at 00:49 (Tue 10 Mar)"
