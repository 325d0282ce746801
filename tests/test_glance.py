"""The home screen's first look (plain sqlite3) answers exactly what the storage stack
answers, on the same file: the two read paths can never disagree about a person's day."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pendulum

from app.domain.checkin import Step, StepState
from app.domain.days import day_bounds, local_day
from app.domain.records import ExposureSource, Outcome, TimerEnd
from app.storage.file.database import Database
from app.storage.file.glance import home_overview
from app.storage.tables import checkins, exposures, reframes, timers
from app.storage.tables.overview import overview

PARIS = pendulum.timezone("Europe/Paris")
NOW = pendulum.datetime(2026, 11, 24, 9, 30, tz=PARIS)


def bounds_at(now: pendulum.DateTime):  # type: ignore[no-untyped-def]
    def bounds(hour: int) -> tuple[dt.date, dt.datetime, dt.datetime]:
        day = local_day(now, PARIS, hour)
        return (day, *day_bounds(day, PARIS, hour))

    return bounds


def _log(db: Database, name: str, when: pendulum.DateTime, note: str = "") -> None:
    exposures.log(
        db,
        stimulus=name,
        occurred_at=when,
        enjoyment=1 + when.minute % 10,
        craving=1 + when.hour % 10,
        note=note,
        source=ExposureSource.TRACK,
        now=NOW,
    )


def test_the_first_look_equals_the_full_read(db_path: Path) -> None:
    db = Database(db_path)
    day_start = pendulum.datetime(2026, 11, 24, 4, 0, tz=PARIS)
    _log(db, "coffee", day_start.subtract(microseconds=1), "the evening before")
    _log(db, "coffee", day_start, "the first instant of the day")
    _log(db, "[bold]phone", NOW.subtract(minutes=5), "[/] not markup")
    _log(db, "chocolate", NOW.subtract(minutes=5))  # same instant: ordered by id
    _log(db, "咖啡", NOW.subtract(hours=2))
    _log(db, "coffee", day_start.add(days=1), "tomorrow's first instant")
    timers.start(db, "coffee", dt.timedelta(hours=2), NOW.subtract(minutes=30))
    timers.start(db, "phone", dt.timedelta(minutes=10), NOW.subtract(hours=3))  # ran out
    ended = timers.start(db, "chocolate", dt.timedelta(hours=1), NOW.subtract(hours=2))
    timers.finish(db, ended.id, TimerEnd.ENDED_EARLY, NOW.subtract(hours=1))
    checkins.mark_step(db, NOW.date(), Step.NOTICE, StepState.DONE, NOW)
    checkins.mark_step(db, NOW.date(), Step.TRACK, StepState.SKIPPED, NOW)
    for minutes_ago, stimulus in ((40, "coffee"), (300, None), (60 * 30, "coffee")):
        reframes.add(
            db,
            occurred_at=NOW.subtract(minutes=minutes_ago),
            stimulus=stimulus,
            label="[b]just wanting",
            craving_before=8,
            craving_after=3 if stimulus else None,
            outcome=Outcome.WAITED if stimulus else None,
            surf_minutes=5,
        )
    day = bounds_at(NOW)(4)[0]
    full = overview(db, day, PARIS, 4)
    db.close()

    found = home_overview(db_path, bounds_at(NOW), PARIS)

    assert found is not None
    hour, first = found
    assert hour == 4
    assert first == full
    assert [e.note for e in first.today][0] == "the first instant of the day"
    assert len(first.today) == 4 and len(first.timers) == 2
    assert [name for _, name in first.reframes] == [None, "coffee"]  # yesterday's is not today


def test_a_stored_day_start_hour_is_used(db_path: Path) -> None:
    from app.storage.tables import settings

    db = Database(db_path)
    settings.put_day_start_hour(db, 10)  # 09:30 now belongs to the day before
    _log(db, "coffee", NOW.subtract(days=1).replace(hour=11))
    db.close()

    found = home_overview(db_path, bounds_at(NOW), PARIS)

    assert found is not None
    assert found[0] == 10
    assert found[1].day == dt.date(2026, 11, 23)
    assert len(found[1].today) == 1


def test_no_answer_and_no_file_for_what_is_not_a_journal(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")

    for path in (missing, other, text, tmp_path):
        assert home_overview(path, bounds_at(NOW), PARIS) is None
    assert not missing.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "other.db"]


def test_the_first_look_loads_no_sql_toolkit(db_path: Path) -> None:
    Database(db_path).close()
    code = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from app.storage.file.glance import home_overview\n"
        "import datetime as dt\n"
        "now = dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.UTC)\n"
        f"found = home_overview(Path({str(db_path)!r}), lambda h: (now.date(), now, now),"
        " dt.UTC)\n"
        "print(json.dumps([found is not None, 'sqlalchemy' in sys.modules,"
        " 'sqlmodel' in sys.modules]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [True, False, False]


async def test_home_shows_today_before_the_database_opens(db_path: Path) -> None:
    from app.ui.app import TeeterApp

    db = Database(db_path)
    _log(db, "oatcake", NOW.subtract(minutes=20))
    db.close()

    class NeverOpens(TeeterApp):
        def open_database(self) -> None:  # type: ignore[override]
            pass  # the full storage stack never arrives: only the first look is shown

    app = NeverOpens(db_path, clock=lambda: NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.db is None
        from tests.test_home_screen import home_today

        assert "oatcake" in home_today(app)
        assert "Opening your journal" not in str(app.screen.query_one("#home-checkin").render())


def test_the_app_alone_skips_the_full_parser() -> None:
    from app.cli import _app_only

    assert _app_only([]) is not None
    found = _app_only(["--db", "/tmp/j.db"])
    assert found is not None and found.db == "/tmp/j.db" and found.command is None
    for other in (["--db"], ["--version"], ["--help"], ["log", "x"], ["--db", "j.db", "status"]):
        assert _app_only(other) is None
