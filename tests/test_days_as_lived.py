"""Days as lived: an entry keeps the UTC offset where it was logged and stays on that day,
whatever zone it is looked at from. Three coffees in Kolkata on Sat 5 Dec are on Sat 5 Dec
seen from Los Angeles too (where it was still Friday when they were drunk), and so is the
diminishing-returns alert they raise."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pendulum
import pytest

from app.cli import main
from app.domain.balance import analyse
from app.domain.days import lived_clock, lived_day, offset_minutes
from app.domain.records import ExposureSource
from app.storage.file import schema
from app.storage.file.database import Database
from app.storage.tables import exposures, reframes
from app.storage.tables.overview import overview

KOLKATA = pendulum.timezone("Asia/Kolkata")  # +05:30
LOS_ANGELES = pendulum.timezone("America/Los_Angeles")  # -08:00 in December
PARIS = pendulum.timezone("Europe/Paris")
SAT = dt.date(2026, 12, 5)
COFFEES = [(8, 0, 8, 3), (10, 30, 6, 5), (13, 0, 4, 7)]  # hour, minute, enjoyment, craving


def log_coffees(db: Database) -> None:
    for hour, minute, enjoyment, craving in COFFEES:
        at = pendulum.datetime(2026, 12, 5, hour, minute, tz=KOLKATA)
        exposures.log(
            db,
            stimulus="coffee",
            occurred_at=at,
            enjoyment=enjoyment,
            craving=craving,
            source=ExposureSource.TRACK,
            now=at,
        )


def test_the_day_and_clock_an_entry_was_lived_on() -> None:
    at = pendulum.datetime(2026, 12, 5, 8, 0, tz=KOLKATA)  # Fri 4 Dec 18:30 in Los Angeles
    assert offset_minutes(at) == 330
    assert lived_day(at, 330, LOS_ANGELES, 4) == SAT
    assert lived_day(at, None, LOS_ANGELES, 4) == dt.date(2026, 12, 4)  # says nothing: viewer's
    assert lived_clock(at, 330, LOS_ANGELES) == "08:00 UTC+05:30"
    assert lived_clock(at, 330, KOLKATA) == "08:00"
    summer = pendulum.datetime(2026, 7, 1, 9, 0, tz=PARIS)  # +02:00 then, +01:00 in winter
    assert lived_clock(summer, 120, PARIS) == "09:00"  # the same zone: no marker


def test_logged_entries_keep_their_offset_and_their_day(db: Database) -> None:
    log_coffees(db)
    with db.read() as session:
        stored = session.connection().exec_driver_sql("SELECT utc_offset FROM exposure").all()
    assert [tuple(row) for row in stored] == [(330,)] * 3
    for viewer in (KOLKATA, LOS_ANGELES, PARIS):
        on_sat = exposures.on_days(db, SAT, SAT, viewer, 4)
        assert [e.enjoyment for e in on_sat] == [8, 6, 4], viewer
        assert (
            exposures.on_days(db, SAT - dt.timedelta(days=1), SAT - dt.timedelta(days=1), viewer, 4)
            == []
        )
        assert overview(db, SAT, viewer, 4).today == on_sat


def test_the_diminishing_alert_does_not_move_with_the_viewer(db: Database) -> None:
    log_coffees(db)
    seen = {}
    for viewer in (KOLKATA, LOS_ANGELES):
        inside, previous = exposures.lived_window(db, SAT, 3, viewer, 4)
        [coffee] = analyse(inside, viewer, 4, previous)
        seen[viewer.name] = ([p.day for p in coffee.points], [a.text for a in coffee.alerts])
    assert seen["Asia/Kolkata"] == seen["America/Los_Angeles"]
    days, alerts = seen["America/Los_Angeles"]
    assert days == [SAT] * 3
    assert any("Sat 5 Dec" in text for text in alerts)


def test_a_reframe_keeps_its_offset_too(db: Database) -> None:
    at = pendulum.datetime(2026, 12, 5, 7, 0, tz=KOLKATA)
    reframes.add(
        db,
        occurred_at=at,
        stimulus="coffee",
        label="just the habit",
        craving_before=7,
        craving_after=4,
        outcome=None,
    )
    [found] = reframes.on_days(db, SAT, SAT, LOS_ANGELES, 4)
    assert found.utc_offset == 330


def test_the_shell_logs_where_it_is_and_reports_where_it_is_looked_at(  # type: ignore[no-untyped-def]
    capsys, clock, db_path: Path
) -> None:
    pendulum.set_local_timezone(KOLKATA)
    clock.set("2026-12-05T14:00:00+05:30")
    for at, e, c in (("08:00", 8, 3), ("10:30", 6, 5), ("13:00", 4, 7)):
        assert (
            main(["--db", str(db_path), "log", "coffee", "-e", str(e), "-c", str(c), "--at", at])
            == 0
        )
    assert "at 13:00 (Sat 5 Dec)" in capsys.readouterr().out
    pendulum.set_local_timezone(LOS_ANGELES)  # flown home: Sat 5 Dec, 10:00 in Los Angeles
    clock.set("2026-12-05T10:00:00-08:00")
    assert main(["--db", str(db_path), "report", "--days", "1"]) == 0
    out = capsys.readouterr().out
    assert "teeter report: the last 1 day, Sat 5 Dec" in out
    assert "Sat 5 Dec   08:00 UTC+05:30 1st" in out and "Fri 4 Dec" not in out
    assert "entries (3):" in out


def test_the_upgrade_gives_old_rows_the_offset_in_force_now(tmp_path: Path) -> None:
    from tests.test_reliability_migrations import RELEASED, copy_of

    pendulum.set_local_timezone(KOLKATA)
    path = copy_of(RELEASED[1], tmp_path)
    Database(path).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
        offsets = {row[0] for row in conn.execute("SELECT utc_offset FROM exposure")}
        offsets |= {row[0] for row in conn.execute("SELECT utc_offset FROM reframe")}
    finally:
        conn.close()
    assert offsets == {330}


def test_paris_rows_get_the_offset_of_their_own_season(tmp_path: Path) -> None:
    db = Database(tmp_path / "t.db")
    for month in (1, 7):
        at = pendulum.datetime(2026, month, 10, 9, 0, tz=PARIS)
        exposures.log(
            db,
            stimulus="tea",
            occurred_at=at,
            enjoyment=5,
            craving=5,
            source=ExposureSource.TRACK,
            now=at,
        )
    db.close()
    conn = sqlite3.connect(tmp_path / "t.db")
    conn.execute("UPDATE exposure SET utc_offset = NULL")  # as a schema 3 file had them
    conn.commit()
    conn.close()
    from app.storage.file.schema import STEPS

    conn = sqlite3.connect(tmp_path / "t.db")
    conn.execute("ALTER TABLE exposure DROP COLUMN utc_offset")
    conn.execute("ALTER TABLE reframe DROP COLUMN utc_offset")
    STEPS[schema.LIVED_OFFSETS_STEP](conn)
    assert [r[0] for r in conn.execute("SELECT utc_offset FROM exposure ORDER BY id")] == [60, 120]
    conn.close()


def export_of(db_path: Path, capsys) -> dict:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "export"]) == 0
    return json.loads(capsys.readouterr().out)


def test_exports_carry_the_offset_and_round_trip(
    capsys, clock, tmp_path: Path, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    clock.set("2026-12-06T12:00:00+01:00")
    db = Database(db_path)
    log_coffees(db)
    db.close()
    document = export_of(db_path, capsys)
    assert [e["utc_offset"] for e in document["exposures"]] == ["+05:30"] * 3
    source = tmp_path / "out.json"
    source.write_text(json.dumps(document))
    other = tmp_path / "other.db"
    assert main(["--db", str(other), "import", str(source)]) == 0
    capsys.readouterr()
    again = export_of(other, capsys)
    assert again["exposures"] == document["exposures"]


def test_an_old_export_gets_the_importers_offsets(capsys, tmp_path: Path, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    old = {
        "format": "teeter-export",
        "version": 2,
        "exposures": [
            {
                "stimulus": "tea",
                "occurred_at": "2026-07-01T07:00:00+00:00",
                "enjoyment": 5,
                "craving": 4,
            },
            {
                "stimulus": "tea",
                "occurred_at": "2026-11-20T07:00:00+00:00",
                "enjoyment": 5,
                "craving": 4,
            },
        ],
    }
    source = tmp_path / "old.json"
    source.write_text(json.dumps(old))
    assert main(["--db", str(db_path), "import", str(source)]) == 0  # conftest: Paris
    capsys.readouterr()
    assert [e["utc_offset"] for e in export_of(db_path, capsys)["exposures"]] == [
        "+02:00",
        "+01:00",
    ]


@pytest.mark.parametrize("bad", ["+5:30", "+15:00", "05:30", "+05:60", 330])
def test_a_bad_offset_is_refused_whole(capsys, tmp_path: Path, db_path: Path, bad) -> None:  # type: ignore[no-untyped-def]
    document = {
        "format": "teeter-export",
        "version": 3,
        "exposures": [
            {
                "stimulus": "tea",
                "occurred_at": "2026-11-20T07:00:00+00:00",
                "enjoyment": 5,
                "craving": 4,
                "utc_offset": bad,
            }
        ],
    }
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document))
    assert main(["--db", str(db_path), "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "exposures[0].utc_offset must be a UTC offset" in err and err.count("\n") == 1
    assert not db_path.exists()


async def test_home_shows_the_lived_day_and_the_zone(make_app, clock, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import wait_ready

    db = Database(db_path)
    log_coffees(db)
    db.close()
    clock.now = pendulum.datetime(2026, 12, 5, 10, 0, tz=LOS_ANGELES)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_ready(app, pilot)
        listing = app.screen_stack[0].query_one("#home-entries")
        shown = "\n".join(str(option.prompt) for option in listing.options)
    assert "08:00 UTC+05:30" in shown and shown.count("coffee") == 3


def test_the_report_lines_up_an_entry_from_elsewhere_and_explains_its_mark(  # type: ignore[no-untyped-def]
    capsys, clock, db_path: Path
) -> None:
    """A coffee at 02:51 in Tokyo belongs to the evening before (days start at 04:00): its
    time reads `02:51 +1d UTC+09:00`, the columns after it stay in line, and the `+1d` legend
    is printed although the zone comes after the mark."""
    tokyo = pendulum.timezone("Asia/Tokyo")
    pendulum.set_local_timezone(tokyo)
    clock.set("2026-12-03T02:51:00+09:00")
    assert main(["--db", str(db_path), "log", "coffee", "-e", "6", "-c", "7"]) == 0
    pendulum.set_local_timezone(LOS_ANGELES)
    clock.set("2026-12-02T12:51:00-08:00")
    assert main(["--db", str(db_path), "log", "coffee", "-e", "5", "-c", "8"]) == 0
    capsys.readouterr()
    assert main(["--db", str(db_path), "report", "--days", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.lstrip().startswith("day "))
    rows = [line for line in lines if line.startswith("  Wed 2 Dec")]
    assert rows[0].startswith("  Wed 2 Dec   02:51 +1d UTC+09:00 1st")
    assert rows[1].startswith("  Wed 2 Dec   12:51")
    for row in rows:
        assert row.index("1st" if row is rows[0] else "2nd") == header.index("n-th")
    assert "  (+1d: after midnight, counted with the day before)" in lines


def test_home_lines_up_todays_entries_when_one_was_logged_elsewhere() -> None:
    """`02:51 UTC+09:00` is wider than `12:51`: every row's name starts in one column."""
    from app.domain.overview import Overview
    from app.domain.records import Exposure
    from app.ui.screens.home_view import today

    def coffee(exposure_id: int, at: dt.datetime, offset: int) -> Exposure:
        return Exposure(
            id=exposure_id,
            stimulus_id=1,
            stimulus_name="coffee",
            occurred_at=at,
            enjoyment=6,
            craving=7,
            note="",
            source=ExposureSource.SHELL,
            utc_offset=offset,
        )

    seen = Overview(
        day=dt.date(2026, 12, 2),
        checkin=None,
        timers=[],
        today=[
            coffee(1, dt.datetime(2026, 12, 2, 17, 51, tzinfo=dt.UTC), 9 * 60),  # Tokyo
            coffee(2, dt.datetime(2026, 12, 2, 17, 55, tzinfo=dt.UTC), -5 * 60),  # here
        ],
        reframes=[],
    )
    rows = [line.plain for _, line in today(seen, pendulum.timezone("America/New_York"))]
    assert rows[0].startswith("02:51 UTC+09:00  coffee")
    assert rows[1].startswith("12:55")
    assert rows[0].index("coffee") == rows[1].index("coffee")


async def test_home_rows_from_elsewhere_stay_on_one_line_at_80_columns(  # type: ignore[no-untyped-def]
    make_app, clock, db_path: Path
) -> None:
    """A zone in the time column ("08:00 UTC+05:30") takes room from the name, not from the
    end of the row: the longest reframe row ("craving 10 → 10 · still deciding") and every
    entry stay on one line of an 80-column terminal."""
    from app.domain.records import Outcome
    from tests.conftest import wait_ready
    from tests.sight import screen_lines

    db = Database(db_path)
    log_coffees(db)
    at = pendulum.datetime(2026, 12, 5, 13, 30, tz=KOLKATA)
    reframes.add(
        db,
        occurred_at=at,
        stimulus="coffee",
        label="a pull, not a need",
        craving_before=10,
        craving_after=10,
        outcome=Outcome.DECIDING,
    )
    db.close()
    clock.now = pendulum.datetime(2026, 12, 5, 10, 0, tz=LOS_ANGELES)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        lines = screen_lines(app.screen_stack[0])
    rows = [line for line in lines if "UTC+05:30" in line]
    assert len(rows) == 4
    assert any("craving 10 → 10 · still deciding" in row for row in rows)
    assert not [line for line in lines if line.strip("│▌ ") in ("out", "deciding")]
