"""The shell's edges made consistent: one rule for plausible times in `log` and `import`, no
command that only reads creates a database, durations refused in the same words however
they go wrong, the 7-day limit on extending too, and CSV cells a spreadsheet cannot run."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pendulum
import pytest

from app.cli import main
from app.domain.durations import DurationError
from app.storage.file.database import Database
from app.storage.tables import timers

# conftest pins now at 09:30 on Tue 24 Nov 2026, Paris


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def export_with(path: Path, **exposure: object) -> Path:
    entry = {
        "stimulus": "coffee",
        "occurred_at": "2026-11-24T07:00:00+00:00",
        "enjoyment": 6,
        "craving": 4,
        **exposure,
    }
    path.write_text(json.dumps({"format": "teeter-export", "version": 1, "exposures": [entry]}))
    return path


@pytest.mark.parametrize(
    ("when", "says"),
    [
        ("2099-01-01T00:00:00+00:00", "is in the future"),
        ("1985-01-01T00:00:00+00:00", "is before the year 2000"),
    ],
)
def test_import_refuses_what_log_refuses(capsys, tmp_path: Path, db_path: Path, when, says) -> None:  # type: ignore[no-untyped-def]
    source = export_with(tmp_path / "in.json", occurred_at=when)
    code, out, err = run(capsys, "--db", str(db_path), "import", str(source))
    assert (code, out) == (2, "")
    assert f"exposures[0].occurred_at {when} {says}" in err and err.count("\n") == 1
    assert "nothing was imported" in err
    assert not db_path.exists()
    typed = when.replace("T", " ")[:16]
    code, _, err = run(
        capsys, "--db", str(db_path), "log", "coffee", "-e", "6", "-c", "4", "--at", typed
    )
    assert code == 2 and says in err
    assert not db_path.exists()


def test_import_takes_a_time_a_minute_ahead_like_log(capsys, tmp_path: Path, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = export_with(tmp_path / "in.json", occurred_at="2026-11-24T08:30:30+00:00")
    assert run(capsys, "--db", str(db_path), "import", str(source))[0] == 0


@pytest.mark.parametrize(
    "argv",
    [["export"], ["export", "--format", "csv"], ["report"], ["status"], ["timer", "list"]],
)
def test_no_reading_command_creates_a_database(capsys, tmp_path: Path, argv) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "typo.db"
    code, out, err = run(capsys, "--db", str(missing), *argv)
    assert not missing.exists() and not list(tmp_path.iterdir())
    if argv[0] == "export":
        assert (code, out) == (2, "")
        assert (
            err == f"teeter export: no database at {missing}; nothing to export "
            "(check --db or TEETER_DB)\n"
        )
    else:
        assert code == 0


@pytest.mark.parametrize("typed", ["169h", "999h", "1000h", "10081m", "99999999999999999999h"])
def test_every_too_long_duration_says_the_limit(capsys, db_path: Path, typed: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "--db", str(db_path), "timer", "start", "pie", typed)
    assert (code, out, err) == (2, "", "teeter timer: a spacing timer can last at most 7 days\n")
    assert not db_path.exists()


def test_a_negative_duration_is_named_not_missing(capsys, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "--db", str(db_path), "timer", "start", "pie", "-1h")
    assert (code, out) == (2, "")
    assert err == "teeter timer: a duration must be longer than zero, not '-1h'\n"
    assert not db_path.exists()
    code, _, err = run(capsys, "--db", str(db_path), "timer", "start", "pie")
    assert code == 2 and "required: duration" in err  # really missing still says so


def test_log_reads_a_minus_time_as_a_time_ago(capsys, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        capsys, "--db", str(db_path), "log", "pie", "-e", "5", "-c", "5", "--at", "-20m"
    )
    assert code == 0 and out.endswith("at 09:10 (Tue 24 Nov)\n")


def test_extending_keeps_the_7_day_limit(db: Database) -> None:
    start = pendulum.datetime(2026, 11, 24, 8, 30, tz="UTC")
    timer = timers.start(db, "coffee", dt.timedelta(days=6), start)
    longer = timers.extend(db, timer.id, dt.timedelta(hours=23))
    assert longer is not None and longer.ends_at == start + dt.timedelta(days=6, hours=23)
    with pytest.raises(DurationError, match="at most 7 days in all; this one can grow by 1h more"):
        timers.extend(db, timer.id, dt.timedelta(hours=2))
    assert timers.active(db)[0].ends_at == longer.ends_at  # nothing changed
    full = timers.extend(db, timer.id, dt.timedelta(hours=1))
    assert full is not None and full.ends_at - full.started_at == dt.timedelta(days=7)
    with pytest.raises(DurationError, match="at most 7 days in all$"):
        timers.extend(db, timer.id, dt.timedelta(minutes=30))


FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)"]


def test_inert_covers_every_start_owasp_names() -> None:
    from app.storage.transfer.csv_export import inert

    for start in "=+-@\t\r":  # (tab and CR cannot start a note teeter stores; still covered)
        assert inert(f"{start}x") == f"'{start}x"
    assert inert("x=1") == "x=1" and inert("") == ""


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_json_stays_exact(  # type: ignore[no-untyped-def]
    capsys, db_path: Path
) -> None:
    for note in [*FORMULAS, "plain = fine"]:
        assert (
            run(capsys, "--db", str(db_path), "log", "pie", "-e", "5", "-c", "5", "--note", note)[0]
            == 0
        )
    assert (
        run(capsys, "--db", str(db_path), "log", "=cmd|' /C calc'!A0", "-e", "5", "-c", "5")[0] == 0
    )
    code, out, _ = run(capsys, "--db", str(db_path), "export", "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out, newline="")))[1:]
    assert [row[4] for row in rows[:-1]] == [*("'" + f for f in FORMULAS), "plain = fine"]
    assert rows[-1][1] == "'=cmd|' /C calc'!A0"
    assert all(line.startswith('"') for line in out.splitlines() if line)  # every cell quoted
    code, out, _ = run(capsys, "--db", str(db_path), "export")
    notes = [e["note"] for e in json.loads(out)["exposures"]]
    assert notes[: len(FORMULAS) + 1] == [*FORMULAS, "plain = fine"]
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT note FROM exposure ORDER BY id").fetchone() == (FORMULAS[0],)
    conn.close()
