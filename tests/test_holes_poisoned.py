"""Issue 19, security and poisoned files: each test is one attack from the adversarial run
(a crafted import, a hand-edited database, an odd path), now ending in one line, the right
exit status and nothing changed; or, for what is already stored, shown without a crash."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from app.domain.records import Exposure, Stimulus
from tests.reliability_helpers import PYTHON, REPO, env, files_in, teeter
from tests.test_reliability_bad_files import make_journal

ESC = "\x1b"
OSC52 = "\x1b]52;c;aGVsbG8=\x07"  # put "hello" in the clipboard
TITLE = "\x1b]0;pwned\x07"  # set the terminal's title
BIDI = "\u202egnp.exe"  # reads backwards


def export_with(tmp_path: Path, **sections: object) -> Path:
    document = {"format": "teeter-export", "version": 1, **sections}
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def raw_export(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "crafted.json"
    path.write_text(text, encoding="utf-8")
    return path


def assert_refused(tmp_path: Path, export: Path, *needles: str) -> None:
    journal = tmp_path / "teeter.db"
    if not journal.exists():
        make_journal(journal, entries=2)
    before = files_in(tmp_path)
    done = teeter(journal, "import", str(export))
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    for needle in needles:
        assert needle in done.stderr, done.stderr
    assert files_in(tmp_path) == before


# --- 5. terminal injection ----------------------------------------------------------------


def test_5_records_hold_no_control_or_bidi_characters_whatever_their_source() -> None:
    import datetime as dt

    exposure = Exposure(1, 1, f"tea{TITLE}", dt.datetime.now(dt.UTC), 5, 5, f"a{OSC52}\nb{BIDI}")
    # the controls go, so what is left is inert text
    assert exposure.stimulus_name == "tea]0;pwned"
    assert exposure.note == "a]52;c;aGVsbG8=\nbgnp.exe"
    assert Stimulus(1, f"x{ESC}[31m{BIDI}").name == "x[31mgnp.exe"


def test_5_imported_help_text_and_summary_cannot_steer_the_terminal(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=1)
    export = export_with(
        tmp_path,
        settings={"help_text": f"call {OSC52}someone{TITLE}", "theme": f"x{ESC}[2J"},
    )
    done = teeter(journal, "import", str(export))
    assert done.returncode == 0, done.stderr
    conn = sqlite3.connect(journal)
    try:
        values = dict(conn.execute("SELECT key, value FROM setting"))
    finally:
        conn.close()
    assert values["help_text"] == "call ]52;c;aGVsbG8=someone]0;pwned"
    assert values["theme"] == "x[2J"


def test_5_settings_and_summaries_already_stored_are_read_back_clean(tmp_path: Path) -> None:
    from app.storage.file.database import Database
    from app.storage.tables import settings

    db = Database(tmp_path / "teeter.db")
    try:
        settings.put(db, settings.HELP_TEXT, f"line one{OSC52}\nline two{TITLE}")
        assert settings.help_text(db) == "line one]52;c;aGVsbG8=\nline two]0;pwned"
    finally:
        db.close()


async def test_5_the_settings_screen_shows_a_poisoned_help_text_inert(make_app, db) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import TextArea

    from app.storage.tables import settings
    from tests.conftest import settle, wait_ready

    settings.put(db, settings.HELP_TEXT, f"ask a friend{OSC52}{TITLE}")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("comma")
        await settle(pilot)
        texts = [area.text for area in app.screen.query(TextArea)]
        assert texts and all(ESC not in text and "\x07" not in text for text in texts)
        assert any("ask a friend" in text for text in texts)


def test_5_an_import_with_a_crafted_setting_name_is_refused(tmp_path: Path) -> None:
    assert_refused(tmp_path, export_with(tmp_path, settings={f"k{ESC}": "v"}), "setting name")


# --- 7. dates and numbers out of range ----------------------------------------------------


@pytest.mark.parametrize(
    ("section", "record", "field"),
    [
        (
            "exposures",
            {
                "stimulus": "tea",
                "occurred_at": "0001-01-01T00:00:00+00:00",
                "enjoyment": 5,
                "craving": 5,
            },
            "occurred_at",
        ),
        (
            "timers",
            {
                "stimulus": "tea",
                "started_at": "2026-11-24T08:00:00+00:00",
                "ends_at": "9999-12-31T00:00:00+00:00",
            },
            "ends_at",
        ),
        (
            "experiments",
            {"first_day": "9999-12-31", "started_at": "2026-11-24T08:00:00+00:00"},
            "first_day",
        ),
        (
            "experiments",
            {
                "first_day": "2026-11-20",
                "days": 1000000000,
                "started_at": "2026-11-24T08:00:00+00:00",
            },
            "days",
        ),
    ],
)
def test_7_an_import_out_of_teeters_range_is_refused(
    tmp_path: Path, section: str, record: dict[str, object], field: str
) -> None:
    assert_refused(tmp_path, export_with(tmp_path, **{section: [record]}), f".{field}")


def test_7_log_refuses_year_one(tmp_path: Path) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=1)
    before = files_in(tmp_path)
    done = teeter(journal, "log", "tea", "-e", "5", "-c", "5", "--at", "0001-01-01 00:00")
    assert done.returncode == 2 and "2000" in done.stderr and done.stderr.count("\n") == 1
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("summary", ["not json", "{}", '{"days": 1e400}', "[1, 2]"])
def test_7_a_summary_that_is_not_one_is_refused_on_import(tmp_path: Path, summary: str) -> None:
    experiment = {
        "first_day": "2026-11-20",
        "started_at": "2026-11-20T08:00:00+00:00",
        "state": "completed",
        "summary": summary,
    }
    assert_refused(tmp_path, export_with(tmp_path, experiments=[experiment]), "summary")


def poison(journal: Path, *statements: str) -> None:
    conn = sqlite3.connect(journal)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def test_7_stored_values_out_of_range_never_crash_the_shell(tmp_path: Path) -> None:
    """A file edited by hand (or written by an older teeter): year 1, year 9999, a running
    experiment of a billion days, a summary that is not one."""
    journal = make_journal(tmp_path / "teeter.db", entries=3)
    poison(
        journal,
        "INSERT INTO exposure (stimulus_id, occurred_at, enjoyment, craving, note, source,"
        " created_at) VALUES (1, '0001-01-01 00:00:00.000000', 5, 5, '', 'shell',"
        " '0001-01-01 00:00:00.000000')",
        "INSERT INTO timer (stimulus_id, started_at, ends_at, urge_asked) VALUES"
        " (1, '2026-11-24 08:00:00.000000', '9999-12-31 23:00:00.000000', 0)",
        "INSERT INTO experiment (first_day, days, state, started_at, summary) VALUES"
        " ('9999-12-31', 1000000000, 'running', '2026-11-24 08:00:00.000000', 'not json')",
    )
    for args, zone in (
        (["report"], "Europe/Paris"),
        (["timer", "list"], "Asia/Tokyo"),
        (["export"], "UTC"),
        (["status"], "Asia/Tokyo"),
    ):
        done = teeter(journal, *args, TZ=zone)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr


async def test_7_stored_values_out_of_range_never_crash_the_screens(  # type: ignore[no-untyped-def]
    make_app, db_path: Path
) -> None:
    from tests.conftest import settle, wait_ready

    make_journal(db_path, entries=3)
    poison(
        db_path,
        "INSERT INTO exposure (stimulus_id, occurred_at, enjoyment, craving, note, source,"
        " created_at) VALUES (1, '0001-01-01 00:00:00.000000', 5, 5, '', 'shell',"
        " '0001-01-01 00:00:00.000000')",
        "INSERT INTO experiment (first_day, days, state, started_at, ended_at, summary) VALUES"
        " ('2026-11-10', 3, 'completed', '2026-11-10 08:00:00.000000',"
        " '2026-11-13 08:00:00.000000', '{}')",
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        for key in ("l", "escape", "e", "escape"):
            await pilot.press(key)
            await settle(pilot)
        assert app.is_running and app.failure is None


# --- 8. imports that gave a traceback -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "teeter-export", "version": 1, "settings": {"\\ud800": "x"}}',
        '{"format": "teeter-export", "version": 1, "settings": {"theme": "\\udfff"}}',
        '{"format": "teeter-export", "version": 1, "experiments": [{"first_day": "2026-11-20",'
        ' "started_at": "2026-11-20T08:00:00+00:00", "summary": "\\ud800"}]}',
        '{"format": "teeter-export", "version": 1, "exposures": [{"stimulus": "tea",'
        ' "occurred_at": "2026-11-24T08:00:00+00:00", "enjoyment": 9223372036854775808,'
        ' "craving": 5}]}',
        '{"format": "teeter-export", "version": 1, "reframes": [{"label": "x", "occurred_at":'
        ' "2026-11-24T08:00:00+00:00", "craving_before": 3, "surf_minutes": 9223372036854775808}]}',
        '{"format": "teeter-export", "version": 1, "experiments": [{"first_day": "2026-11-20",'
        ' "started_at": "2026-11-20T08:00:00+00:00", "days": 9223372036854775808}]}',
        '{"format": "teeter-export", "version": 1, "x": ' + "9" * 5000 + "}",
        '{"format": "teeter-export", "version": 1, "x": NaN}',
    ],
)
def test_8_hostile_imports_are_one_line_never_a_traceback(tmp_path: Path, text: str) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=2)
    before = files_in(tmp_path)
    done = teeter(journal, "import", str(raw_export(tmp_path, text)))
    assert "Traceback" not in done.stderr, done.stderr
    if done.returncode == 0:  # a lone surrogate in a value is dropped, like any control
        assert "\\udfff" in text
        conn = sqlite3.connect(journal)
        assert conn.execute("SELECT value FROM setting WHERE key = 'theme'").fetchone() == ("",)
        conn.close()
        return
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert {k: v for k, v in files_in(tmp_path).items() if k != "crafted.json"} == {
        k: v for k, v in before.items() if k != "crafted.json"
    }


def test_8_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB that cost no disk
    journal = make_journal(tmp_path / "teeter.db", entries=1)
    probe = (
        "import resource, subprocess, sys;"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "print(done.returncode); print(done.stderr, end='')"
    )
    done = subprocess.run(
        [PYTHON, "-c", probe, PYTHON, "-m", "app", "--db", str(journal), "import", str(huge)],
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
        timeout=60,
    )
    peak_kib, code, message = done.stdout.split("\n", 2)
    assert code == "2" and "larger than any teeter export" in message, done.stdout
    assert int(peak_kib) < 150 * 1024, f"peak {int(peak_kib) // 1024} MiB for a refusal"


def test_8_an_import_from_a_pipe_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    journal = make_journal(tmp_path / "teeter.db", entries=1)
    done = teeter(journal, "import", str(fifo), timeout=20)
    assert done.returncode == 2 and "not a regular file" in done.stderr


# --- 9. a file missing a table or a column; user_version 0 --------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        "DROP TABLE reframe",
        "ALTER TABLE exposure DROP COLUMN note",
        "PRAGMA user_version = 0",
    ],
)
def test_9_a_file_with_a_schema_that_is_not_teeters_is_refused_before_any_backup(
    tmp_path: Path, damage: str
) -> None:
    journal = make_journal(tmp_path / "teeter.db", entries=2)
    poison(journal, damage)
    before = files_in(tmp_path)
    for args in (["timer", "list"], ["log", "tea", "-e", "5", "-c", "5"], ["report"]):
        done = teeter(journal, *args)
        assert done.returncode == 1, (args, done.stderr)
        assert done.stderr.count("\n") == 1 and "not a whole teeter journal" in done.stderr
    assert files_in(tmp_path) == before, "no backup, no change"


async def test_9_the_app_refuses_a_file_missing_a_table_with_one_line(  # type: ignore[no-untyped-def]
    make_app, db_path: Path
) -> None:
    from tests.conftest import wait_ready  # noqa: F401  (the app fails before it is ready)

    make_journal(db_path, entries=2)
    poison(db_path, "DROP TABLE checkin")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if app.failure is not None:
                break
            await pilot.pause(0.01)
    assert app.failure is not None and "checkin" in app.failure and "\n" not in app.failure


# --- 10. a pipe, a device, a symbolic link to nowhere --------------------------------------


def test_10_a_fifo_as_the_journal_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "teeter.db"
    os.mkfifo(fifo)
    for args in (["timer", "list"], ["log", "tea", "-e", "5", "-c", "5"]):
        done = teeter(fifo, *args, timeout=20)
        assert done.returncode == 1 and "named pipe" in done.stderr, done.stderr
    status = teeter(fifo, "status", timeout=20)
    assert (status.returncode, status.stdout, status.stderr) == (0, "", "")


def test_10_a_dangling_symlink_creates_nothing_at_its_target(tmp_path: Path) -> None:
    link = tmp_path / "teeter.db"
    target = tmp_path / "elsewhere" / "journal.db"
    link.symlink_to(target)
    done = teeter(link, "log", "tea", "-e", "5", "-c", "5")
    assert done.returncode == 1 and "symbolic link" in done.stderr, done.stderr
    assert not target.exists() and not target.parent.exists()


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_10_a_device_is_called_a_device_not_an_empty_file(tmp_path: Path) -> None:
    done = teeter(Path("/dev/null"), "timer", "list", timeout=20)
    assert done.returncode == 1 and "device" in done.stderr, done.stderr


# --- 14. status through a symbolic link --------------------------------------------------


def test_14_status_through_a_symlink_sees_the_real_files_log(tmp_path: Path) -> None:
    import textwrap

    real = tmp_path / "real" / "teeter.db"
    make_journal(real, entries=1)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    held_open = textwrap.dedent(
        """
        import os, subprocess, sys
        import pendulum
        from app.storage.tables import timers
        from app.storage.file.database import Database
        db = Database(sys.argv[1])  # a running teeter: its timer is only in the -wal
        timers.start(db, "tea", pendulum.duration(hours=1), pendulum.now("UTC"))
        status = subprocess.run([sys.executable, "-m", "app", "--db", sys.argv[2], "status"],
                                capture_output=True, text=True)
        print(status.stdout, end="")
        os._exit(0)
        """
    )
    done = subprocess.run(
        [PYTHON, "-c", held_open, str(real), str(link)],
        capture_output=True,
        text=True,
        env=env(),
        cwd=REPO,
        timeout=60,
    )
    assert done.stdout.startswith("tea "), (done.stdout, done.stderr)
