"""`teeter log`: what it prints, its exit status, and that bad input writes nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import journal_exists, query


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse exits on usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def count(path: Path | str) -> int:
    return int(query(path, "SELECT count(*) FROM exposure")[0][0])


def test_log_writes_one_exposure_and_creates_the_stimulus(capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys,
        "--db",
        str(where),
        "log",
        "Coffee",
        "-e",
        "6",
        "-c",
        "8",
        "--at",
        "08:05",
        "--note",
        '[/] with milk, "two"',
    )
    assert code == 0
    assert (
        err.startswith("Coffee: new, kind caffeine (change it with --kind") and err.count("\n") == 1
    )
    assert out.startswith("logged Coffee: enjoyment 6, craving 8 at 08:05")
    assert query(
        where,
        "SELECT s.name, e.enjoyment, e.craving, e.note, e.source FROM exposure e "
        "JOIN stimulus s ON s.id = e.stimulus_id",
    ) == [("Coffee", 6, 8, '[/] with milk, "two"', "shell")]
    code, out, err = run(capsys, "--db", str(where), "log", "coffee", "-e", "5", "-c", "9")
    assert code == 0 and "logged Coffee" in out  # the existing name, whatever the case
    assert err == ""  # nothing new to tell


def test_log_gives_a_recognised_name_its_kind_and_kind_can_be_chosen(capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "--db", str(where), "log", "2 beers", "-e", "6", "-c", "7")
    assert code == 0 and err.startswith("2 beers: new, kind alcohol")
    code, _, err = run(capsys, "--db", str(where), "log", "ginger", "-e", "6", "-c", "7")
    assert code == 0 and err.startswith("ginger: new, kind other")
    code, _, err = run(
        capsys, "--db", str(where), "log", "ginger", "-e", "6", "-c", "7", "--kind", "food"
    )
    assert code == 0 and err.startswith("ginger: kind changed from other to food")
    code, out, err = run(
        capsys, "--db", str(where), "log", "tea", "-e", "6", "-c", "7", "--kind", "tisane"
    )
    assert code == 2 and out == "" and err.count("\n") == 1 and "unknown kind" in err
    assert query(where, "SELECT name, kind FROM stimulus ORDER BY id") == [
        ("2 beers", "alcohol"),
        ("ginger", "food"),
    ]
    assert count(where) == 3


def test_teeter_db_environment_variable_is_used(capsys, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "from-env.db"
    monkeypatch.setenv("TEETER_DB", str(target))
    assert run(capsys, "log", "tea", "-e", "5", "-c", "5")[0] == 0
    assert count(target) == 1


@pytest.mark.parametrize(
    "args,message",
    [
        (["coffee", "-e", "11", "-c", "5"], "enjoyment must be from 1 to 10, not 11"),
        (["coffee", "-e", "0", "-c", "5"], "enjoyment must be from 1 to 10, not 0"),
        (["coffee", "-e", "5", "-c", "x"], "craving must be a whole number"),
        (["coffee", "-e", "5.5", "-c", "5"], "enjoyment must be a whole number"),
        (["", "-e", "5", "-c", "5"], "a stimulus needs a name"),
        (["   ", "-e", "5", "-c", "5"], "a stimulus needs a name"),
        (["coffee", "-e", "5", "-c", "5", "--at", "yesterday-ish"], "cannot read the time"),
        (["coffee", "-e", "5", "-c", "5", "--at", "23:99"], "cannot read the time"),
        (["coffee", "-e", "5"], "required"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(capsys, where: str, args, message) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "--db", str(where), "log", *args)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1
    assert not journal_exists(where)  # nothing written, not even an empty database


def test_future_time_is_refused(capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    """Now is 09:30 on Tue 24 Nov (conftest): a clock time means its last occurrence, so
    only a dated time can lie ahead."""
    for at in ("2026-11-24 10:00", "2099-01-01T00:00:00+00:00", "today 10:00"):
        code, out, err = run(
            capsys, "--db", str(where), "log", "pie", "-e", "5", "-c", "5", "--at", at
        )
        assert (code, out) == (2, "") and "in the future" in err and err.count("\n") == 1
    assert not journal_exists(where)


def test_implausibly_old_time_is_refused(capsys, where: str) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys, "--db", str(where), "log", "pie", "-e", "5", "-c", "5", "--at", "1900-01-01 00:00"
    )
    assert (code, out) == (2, "")
    assert err == (
        "teeter log: '1900-01-01 00:00' is before the year 2000, when teeter's times begin\n"
    )
    assert not journal_exists(where)


def stored_times(path: Path | str) -> list[str]:
    """The stored UTC times, to the second."""
    return [str(row[0])[:19] for row in query(path, "SELECT occurred_at FROM exposure ORDER BY id")]


@pytest.mark.parametrize(
    ("typed", "echo", "stored"),
    [
        ("23:59", "at 23:59 (Tue 1 Dec)", "2026-12-01 22:59:00"),  # the evening that passed
        ("now", "at 00:49 (Tue 1 Dec)", "2026-12-01 23:49:00"),
        ("yesterday 22:10", "at 22:10 (Mon 30 Nov)", "2026-11-30 21:10:00"),
        ("20m ago", "at 00:29 (Tue 1 Dec)", "2026-12-01 23:29:00"),
        ("11pm", "at 23:00 (Tue 1 Dec)", "2026-12-01 22:00:00"),
        ("mon 09:00", "at 09:00 (Mon 30 Nov)", "2026-11-30 08:00:00"),
    ],
)
def test_after_midnight_times_mean_the_evening_just_passed(  # type: ignore[no-untyped-def]
    capsys, clock, where: str, typed: str, echo: str, stored: str
) -> None:
    """At 00:49 on Wed 2 Dec with days starting at 04:00, the person is still in Tuesday."""
    clock.set("2026-12-02T00:49:00+01:00")
    code, out, err = run(
        capsys, "--db", str(where), "log", "pie", "-e", "5", "-c", "5", "--at", typed
    )
    assert code == 0 and "error" not in err
    assert out == f"logged pie: enjoyment 5, craving 5 {echo}\n"
    assert stored_times(where) == [stored]


def test_the_echo_follows_the_stored_day_start_hour(capsys, clock, where: str) -> None:  # type: ignore[no-untyped-def]
    from app.storage.file.database import Database
    from app.storage.tables import settings

    db = Database(where)
    settings.put_day_start_hour(db, 0)
    db.close()
    clock.set("2026-12-02T00:49:00+01:00")
    code, out, _ = run(capsys, "--db", str(where), "log", "pie", "-e", "5", "-c", "5")
    assert code == 0 and out.endswith("at 00:49 (Wed 2 Dec)\n")
    code, out, _ = run(
        capsys, "--db", str(where), "log", "pie", "-e", "5", "-c", "5", "--at", "yesterday 22:10"
    )
    assert code == 0 and out.endswith("at 22:10 (Tue 1 Dec)\n")


async def test_the_echo_names_the_day_the_app_header_shows(  # type: ignore[no-untyped-def]
    capsys, clock, db_path: Path, make_app
) -> None:
    from tests.conftest import wait_ready

    clock.set("2026-12-02T00:49:00+01:00")
    code, out, _ = run(capsys, "--db", str(db_path), "log", "pie", "-e", "5", "-c", "5")
    assert code == 0 and out.endswith("(Tue 1 Dec)\n")
    app = make_app()
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        assert app.screen.sub_title == "Tuesday 1 December 2026"


def test_unusable_file_is_named_and_left_alone(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.txt"
    path.write_text("my shopping list\n")
    code, _, err = run(capsys, "--db", str(path), "log", "tea", "-e", "5", "-c", "5")
    assert code == 1
    assert str(path) in err and "not a SQLite database" in err
    assert err.count("\n") == 1
    assert path.read_text() == "my shopping list\n"


def test_version(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("teeter 0.")


def test_log_never_imports_textual(db_path: Path) -> None:
    code = (
        "import sys; from app.cli import main\n"
        f"rc = main(['--db', {str(db_path)!r}, 'log', 'tea', '-e', '5', '-c', '5'])\n"
        "assert rc == 0, rc\n"
        "bad = [m for m in sys.modules if m.startswith('textual')]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_installed_command_runs(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(db_path), "log", "tea", "-e", "11", "-c", "5"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "teeter log: enjoyment must be from 1 to 10, not 11"
