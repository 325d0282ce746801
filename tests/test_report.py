"""`teeter report`: its text, exit statuses and colours, no Textual on its path, and the window
analysis under it (the first gap measured from the exposure before, only indexed reads)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pendulum
import pytest
from sqlalchemy import event

from app.cli import main
from app.domain.balance import analyse, analyse_stimulus
from app.storage.file.database import Database
from app.storage.tables import exposures
from tests.conftest import FROZEN, PARIS, log_in_paris

COFFEE = [
    ("2026-11-20 08:00", 9, 2, ""),
    ("2026-11-22 08:00", 8, 3, "first cup"),
    ("2026-11-22 10:00", 7, 4, ""),
    ("2026-11-22 10:20", 5, 6, ""),
    ("2026-11-23 08:00", 6, 6, ""),
    ("2026-11-24 08:00", 4, 8, "tired"),
]


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """`teeter report` reads now from TEETER_NOW, in the local zone (Europe/Paris)."""
    monkeypatch.setenv("TEETER_NOW", FROZEN.isoformat())
    time.tzset()
    pendulum.set_local_timezone(PARIS)
    yield
    pendulum.set_local_timezone()


add = log_in_paris


@pytest.fixture
def logged(db: Database) -> Database:
    for row in COFFEE:
        add(db, "coffee", *row)
    add(db, "sugar", "2026-11-23 15:00", 6, 4)
    add(db, "sugar", "2026-11-24 09:00", 8, 2)
    add(db, "email", "2026-11-18 09:00", 3, 6)
    return db


def report(
    capsys: pytest.CaptureFixture[str], db_path: Path | str, *args: str
) -> tuple[int, str, str]:
    try:
        code = main(["--db", str(db_path), "report", *args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("logged")
def test_report_prints_the_analysis_per_stimulus(capsys, where) -> None:  # type: ignore[no-untyped-def]
    code, out, err = report(capsys, where)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "teeter report: the last 3 days, Sun 22 Nov – Tue 24 Nov (days start at 04:00)"
    )
    assert "\033" not in out  # not a terminal: plain text
    # Most recently used first; email (Wed 18) is outside the window.
    assert [line for line in lines if line.startswith("==")] == ["== sugar ==", "== coffee =="]
    coffee = out[out.index("== coffee ==") :]
    assert "verdict: enjoyment fell" in coffee and "tilting toward craving" in coffee
    assert "  ! on Sun 22 Nov your 2nd and 3rd coffee rated 7 and 5 against 8" in coffee
    assert "entries (5):" in coffee
    first = next(line for line in coffee.splitlines() if "Sun 22 Nov  08:00" in line)
    assert first.split()[5:] == ["2d", "8", "3", "first", "cup"]  # gap from Fri 20 08:00
    last = next(line for line in coffee.splitlines() if "Tue 24 Nov  08:00" in line)
    assert last.endswith("  4        8  tired")
    assert "  under 30 min         1          5        6" in coffee
    sugar = out[: out.index("== coffee ==")]
    assert "verdict: 2 entries so far: log at least 3 to see a trend" in sugar
    assert "alerts: none" in sugar


@pytest.mark.usefixtures("logged")
def test_report_on_one_stimulus_and_a_wider_window(capsys, where) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = report(capsys, where, "--stimulus", "COFFEE", "--days", "7")
    assert code == 0
    assert "the last 7 days, Wed 18 Nov – Tue 24 Nov" in out
    assert [line for line in out.splitlines() if line.startswith("==")] == ["== coffee =="]
    assert "entries (6):" in out and "Fri 20 Nov  08:00" in out
    code, out, _ = report(capsys, where, "--days", "7")
    assert "== email ==" in out and "== sugar ==" in out


@pytest.mark.usefixtures("logged")
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--stimulus", "tea"], "no stimulus called 'tea'; known: sugar, coffee, email"),
        (["--days", "0"], "--days must be from 1 to 36500, not 0"),
        (["--days", "-3"], "--days must be from 1 to 36500, not -3"),
        (["--days", "three"], "--days takes a whole number of days, not 'three'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, where, args, message) -> None:  # type: ignore[no-untyped-def]
    code, out, err = report(capsys, where, *args)
    assert (code, out) == (2, "")
    assert err == f"teeter report: {message}\n"


def test_an_empty_window_is_a_friendly_line(capsys, db, where) -> None:  # type: ignore[no-untyped-def]
    add(db, "coffee", "2026-11-10 08:00", 6, 4)
    code, out, err = report(capsys, where)
    assert (code, err) == (0, "")
    assert out.splitlines()[1].startswith("Nothing logged in this window. Try --days 7")
    assert "teeter log coffee -e 6 -c 8" in out
    code, out, _ = report(capsys, where, "--stimulus", "coffee")
    assert code == 0 and "Nothing logged in this window" in out


def test_no_database_yet_is_reported_and_not_created(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "none.db"
    code, out, err = report(capsys, missing)
    assert (code, err) == (0, "")
    assert out.startswith("Nothing logged yet.") and "teeter log coffee" in out
    code, _, err = report(capsys, missing, "--stimulus", "tea")
    assert code == 2 and "no stimulus called 'tea'" in err
    assert not missing.exists()


@pytest.mark.usefixtures("logged")
def test_colour_only_on_a_terminal_without_no_color(capsys, where, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out, _ = report(capsys, where)
    assert "\033[1m== coffee ==\033[0m" in out
    monkeypatch.setenv("NO_COLOR", "1")
    _, out, _ = report(capsys, where)
    assert "\033" not in out


def test_report_never_imports_textual(where: str, logged: Database) -> None:
    logged.close()
    code = (
        "import sys; from app.cli import main; "
        f"code = main(['--db', {where!r}, 'report', '--days', '30']); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual'); "
        "print('TEXTUAL', bad); sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "TEXTUAL []" in result.stdout and "== coffee ==" in result.stdout


# --- the window analysis under the screen and the report -----------------------------
def test_the_first_gap_comes_from_the_exposure_before_the_window(logged: Database) -> None:
    start, end = (
        pendulum.datetime(2026, 11, 22, 4, tz=PARIS),
        pendulum.datetime(2026, 11, 25, 4, tz=PARIS),
    )
    inside, previous = exposures.window(logged, start, end)
    found = {a.stimulus_name: a for a in analyse(inside, PARIS, 4, previous)}
    assert list(found) == ["sugar", "coffee"]
    coffee = found["coffee"]
    everything = analyse_stimulus(
        exposures.between(logged, start.subtract(days=30), end, coffee.stimulus_id), PARIS, 4
    )
    # The points are the window's own, but the gaps agree with the whole history's.
    assert len(coffee.points) == 5 and coffee.trend is not None and coffee.trend.count == 5
    assert [p.gap for p in coffee.points] == [p.gap for p in everything.points[1:]]
    assert sum(g.count for g in coffee.gap_evidence) == 5  # the first gap counts too
    assert found["sugar"].points[0].gap is None  # nothing before the window: no gap


def test_the_window_is_read_through_indexes(logged: Database) -> None:
    """Every query the analysis makes is an index search, never a scan of the exposures
    (SQLite's plan; PostgreSQL's planner chooses by table size, so a handful of rows
    proves nothing there)."""
    if logged.on_server:
        pytest.skip("the plan checked is SQLite's")
    statements: list[tuple[str, object]] = []

    @event.listens_for(logged.engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append((statement, parameters))

    start = pendulum.datetime(2026, 11, 22, 4, tz=PARIS).in_timezone("UTC")
    exposures.window(logged, start, start.add(days=3))
    event.remove(logged.engine, "before_cursor_execute", record)
    selects = [(s, p) for s, p in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 + 2  # the window, then one look-up per stimulus in it
    with logged.engine.connect() as conn:
        for statement, parameters in selects:
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            details = " | ".join(row[-1] for row in plan)
            assert "SCAN exposure" not in details, details
            assert "USING INDEX" in details or "USING COVERING INDEX" in details, details
