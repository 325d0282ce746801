"""`teeter log` writes with plain sqlite3 (app.storage.file.shell_write) while the app writes
through SQLModel (app.storage.tables.exposures): the same entries through both paths give the
same rows, column for column, and the shell's path never loads the SQL toolkit."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest

from app.domain.ratings import RatingError
from app.domain.records import ExposureSource, StimulusKind
from app.storage.file.database import Database
from app.storage.file.shell_write import log_exposure
from app.storage.tables import exposures, stimuli

NOW = pendulum.datetime(2026, 11, 24, 21, 15, 30, 123456, tz="Asia/Kolkata")

ENTRIES = [
    # (name, minutes before NOW, enjoyment, craving, note, kind)
    ("coffee", 300, 8, 3, "", None),
    ("Coffee", 200, 6, 5, "second cup\twith a tab", None),  # same stimulus, any case
    ("2 beers", 190, 7, 6, "", None),  # a name the lexicon knows: its kind by default
    ("Café", 120, 5, 5, "[bold]not markup[/]", None),
    ("Cafe\u0301", 100, 5, 6, "decomposed accent: the same name", None),
    ("phone", 60, 4, 8, "", StimulusKind.SCREEN),
    ("phone", 30, 3, 9, "kind said again", StimulusKind.OTHER),  # the person changes it
    ("咖啡", 0, 9, 2, "wide name", None),
]


def _write_all(path: Path, through_shell: bool) -> None:
    db = Database(path)
    try:
        stimuli.ensure(db, "chocolate", NOW.subtract(days=2))
        stimuli.set_archived(db, stimuli.find(db, "chocolate").id, True)  # type: ignore[union-attr]
    finally:
        db.close()
    entries = [*ENTRIES, ("chocolate", 10, 6, 4, "back from the archive", None)]
    for name, minutes, enjoyment, craving, note, kind in entries:
        values = dict(
            stimulus=name,
            occurred_at=NOW.subtract(minutes=minutes, microseconds=minutes),
            enjoyment=enjoyment,
            craving=craving,
            note=note,
            source=ExposureSource.SHELL,
            now=NOW,
            kind=kind,
        )
        if through_shell:
            log_exposure(path, **values)  # type: ignore[arg-type]
        else:
            db = Database(path)
            try:
                exposures.log(db, **values)  # type: ignore[arg-type]
            finally:
                db.close()


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            for table in ("stimulus", "exposure")
        }
    finally:
        conn.close()


def test_both_write_paths_give_identical_rows(tmp_path: Path) -> None:
    app_path, shell_path = tmp_path / "app.db", tmp_path / "shell.db"
    _write_all(app_path, through_shell=False)
    _write_all(shell_path, through_shell=True)

    written = _rows(shell_path)
    assert written == _rows(app_path)
    kinds = {row[1]: row[3] for row in written["stimulus"]}
    assert kinds["2 beers"] == StimulusKind.ALCOHOL.value
    assert kinds["phone"] == StimulusKind.OTHER.value
    assert len(written["stimulus"]) == 6 and len(written["exposure"]) == 9
    assert all(row[4] == 0 for row in written["stimulus"])  # chocolate is back in use


def test_what_the_shell_wrote_reads_back_as_it_was_given(tmp_path: Path) -> None:
    path = tmp_path / "teeter.db"
    when = NOW.subtract(minutes=5, microseconds=7)
    logged = log_exposure(
        path,
        stimulus="coffee",
        occurred_at=when,
        enjoyment=7,
        craving=4,
        note="a note",
        source=ExposureSource.SHELL,
        now=NOW,
    )
    db = Database(path)
    try:
        assert exposures.get(db, logged.exposure.id) == logged.exposure
    finally:
        db.close()
    assert logged.exposure.occurred_at == when
    assert logged.before is None and logged.after.kind is StimulusKind.CAFFEINE


def test_a_bad_rating_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "teeter.db"
    log_exposure(
        path,
        stimulus="tea",
        occurred_at=NOW,
        enjoyment=5,
        craving=5,
        note="",
        source=ExposureSource.SHELL,
        now=NOW,
    )
    before = _rows(path)
    with pytest.raises(RatingError):
        log_exposure(
            path,
            stimulus="new thing",
            occurred_at=NOW,
            enjoyment=11,
            craving=5,
            note="",
            source=ExposureSource.SHELL,
            now=NOW,
        )
    assert _rows(path) == before  # not even the new stimulus


def test_teeter_log_loads_no_sql_toolkit(tmp_path: Path) -> None:
    path = tmp_path / "teeter.db"
    code = (
        "import sys, json\n"
        "from app.cli import main\n"
        f"status = main(['--db', {str(path)!r}, 'log', 'coffee', '-e', '6', '-c', '7'])\n"
        "loaded = [m for m in ('sqlalchemy', 'sqlmodel', 'textual') if m in sys.modules]\n"
        "print(json.dumps([status, loaded]))\n"
    )
    pinned = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC).isoformat()
    env = {**os.environ, "TEETER_NOW": pinned, "TZ": "UTC"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(out.stdout.splitlines()[-1]) == [0, []]
    count = sqlite3.connect(path).execute("SELECT count(*) FROM exposure").fetchone()
    assert count == (1,)
