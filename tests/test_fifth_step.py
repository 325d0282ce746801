"""The check-in's steps are one list in the domain (`app.domain.steps`): a fifth step added
there reaches the schema, the status line, export and import, and every "of N" with no other
change. The step is added for real, in a separate process, by loading the domain module with
one more line — exactly the edit a person would make."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from app.domain.checkin import STEPS, StepState
from app.storage.file import quick, schema
from app.storage.file.database import Database
from app.storage.tables import checkins

REPO = Path(__file__).resolve().parent.parent

FIFTH = r"""
import datetime as dt, json, pathlib, sys, types
source = pathlib.Path("app/domain/steps.py").read_text("utf-8")
line = '    REFRAME = "reframe"\n'
assert line in source
import app.domain
steps = types.ModuleType("app.domain.steps")
exec(compile(source.replace(line, line + '    SAVOUR = "savour"\n'), "steps.py", "exec"),
     steps.__dict__)
sys.modules["app.domain.steps"] = steps

from app.domain.checkin import STEPS, Step, StepState, progress_line
from app.domain.status_line import status_line
from app.storage.file import quick
from app.storage.tables import checkins
from app.storage.file.database import Database
from app.storage.transfer.merge import import_bundle
from app.storage.transfer.json_export import export_json
from app.storage.transfer.parse import parse
from app.ui.screens import home_view

base = pathlib.Path(sys.argv[1])
day, now = dt.date(2026, 11, 24), dt.datetime(2026, 11, 24, 8, tzinfo=dt.UTC)
db = Database(base / "one.db")
for step in STEPS[:2]:
    checkins.mark_step(db, day, step, StepState.DONE, now)
partway = quick.snapshot(base / "one.db", lambda hour: day)
checkins.mark_step(db, day, Step.SAVOUR, StepState.SKIPPED, now)
shown_partway = home_view.checkin(checkins.for_day(db, day)).plain
for step in STEPS[2:4]:
    checkins.mark_step(db, day, step, StepState.DONE, now)
record = checkins.for_day(db, day)
exported = export_json(db, now)
db.close()
status = quick.snapshot(base / "one.db", lambda hour: day)

other = Database(base / "two.db")
summary = import_bundle(other, parse(exported.encode(), base / "x.json"), now)
again = checkins.for_day(other, day)
other.close()
print(json.dumps({
    "steps": [s.value for s in STEPS],
    "progress": progress_line(Step.SAVOUR),
    "partway": status_line(partway.timers, partway.checkin_steps, now),
    "home_partway": shown_partway,
    "home_done": home_view.checkin(record).plain,
    "hint": home_view.hint(type("O", (), {"checkin": None})()).plain,
    "status": list(status.checkin_steps),
    "exported": json.loads(exported)["checkins"],
    "lossless": again.progress == record.progress and again.completed_at == record.completed_at,
    "complete": record.progress.complete,
    "added": summary.added["checkins"],
}))
"""


def test_a_fifth_step_is_one_line_in_the_domain(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", FIFTH, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": "Europe/Paris"},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["steps"] == ["notice", "track", "space", "reframe", "savour"]
    assert found["progress"] == "Step 5 of 5 · Savour"
    assert found["partway"] == "check-in 2/5"
    assert "Savour" in found["home_partway"] and "3 of 5 · c resumes" in found["home_partway"]
    assert found["home_done"].endswith("4 of 5 done")
    assert found["hint"].endswith("notice, track, space, reframe, savour.")
    assert found["status"] == ["done", "done", "done", "done", "skipped"]
    (checkin,) = found["exported"]
    assert checkin["savour"] == "skipped" and checkin["reframe"] == "done"
    assert found["complete"] and found["lossless"] and found["added"] == 1


def test_steps_live_as_rows_and_a_pending_step_has_none(file_db: Database, db_path: Path) -> None:
    db = file_db  # the table's columns are read as SQLite lists them
    day, now = dt.date(2026, 11, 24), dt.datetime(2026, 11, 24, 8, tzinfo=dt.UTC)
    checkins.mark_step(db, day, STEPS[0], StepState.DONE, now)
    checkins.mark_step(db, day, STEPS[1], StepState.SKIPPED, now)
    checkins.mark_step(db, day, STEPS[1], StepState.PENDING, now)  # taken back
    conn = sqlite3.connect(db_path)
    try:
        found = conn.execute("SELECT step, state FROM checkin_step").fetchall()
        columns = [row[1] for row in conn.execute("PRAGMA table_info(checkin)")]
    finally:
        conn.close()
    assert found == [("notice", "done")]
    assert columns == ["id", "day", "started_at", "completed_at"]


def test_status_reads_a_file_not_yet_upgraded_to_step_rows(tmp_path: Path) -> None:
    """A journal of schema 5 (the steps still columns) that no teeter has opened since the
    upgrade: the prompt still shows its check-in."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    try:
        for version in range(1, schema.STEP_ROWS_STEP):
            schema.STEPS[version](conn)
        conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {schema.STEP_ROWS_STEP - 1}")
        conn.execute(
            "INSERT INTO checkin (day, notice, track, space, reframe, started_at)"
            " VALUES ('2026-11-24', 'done', 'skipped', 'pending', 'pending',"
            " '2026-11-24 07:00:00.000000')"
        )
        conn.commit()
    finally:
        conn.close()
    found = quick.snapshot(path, lambda hour: dt.date(2026, 11, 24))
    assert found is not None
    assert found.checkin_steps == ("done", "skipped", "pending", "pending")
    db = Database(path)  # the upgrade moves them into rows
    try:
        record = checkins.for_day(db, dt.date(2026, 11, 24))
    finally:
        db.close()
    assert record is not None
    assert [record.progress.state(s).value for s in STEPS] == list(found.checkin_steps)
