"""`teeter export`, `teeter import` and `teeter forget` from the shell: in-process through
`app.cli.main` (fast), and once as a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest

from app.cli import main
from app.storage import transfer
from app.storage.file.database import Database
from app.storage.file.forget import backups_of
from app.storage.transfer.csv_export import HEADER

AWKWARD = 'said "no", then\nsaid yes, [bold]twice[/]'


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "teeter.db"
    monkeypatch.setenv("TEETER_DB", str(path))  # never the real data directory
    monkeypatch.setenv("TEETER_NOW", "2026-11-24T18:30:00+00:00")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def log(capsys: pytest.CaptureFixture[str], name: str, e: int, c: int, note: str = "") -> None:
    assert run(capsys, "log", name, "-e", str(e), "-c", str(c), "--note", note)[0] == 0


def test_export_json_to_stdout(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log(capsys, "[@click=app.quit]x", 7, 3, AWKWARD)
    code, out, err = run(capsys, "export")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["format"] == "teeter-export" and document["version"] == transfer.VERSION
    assert document["exposures"][0]["stimulus"] == "[@click=app.quit]x"
    assert document["exposures"][0]["note"] == AWKWARD
    assert document["exposures"][0]["occurred_at"] == "2026-11-24T18:30:00+00:00"


def test_export_csv_to_stdout(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log(capsys, "café, au lait", 6, 4, AWKWARD)
    log(capsys, "tea", 5, 5)
    code, out, _ = run(capsys, "export", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert code == 0 and tuple(rows[0]) == HEADER and len(rows) == 3
    assert rows[1][1:5] == ["café, au lait", "6", "4", AWKWARD]


def test_export_output_is_private_and_not_overwritten(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log(capsys, "coffee", 6, 4)
    target = tmp_path / "mine.json"
    code, out, err = run(capsys, "export", "--output", str(target))
    assert (code, out) == (0, "") and str(target) in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_bytes()

    log(capsys, "coffee", 4, 8)
    code, out, err = run(capsys, "export", "--output", str(target))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert target.read_bytes() == first

    code, _, _ = run(capsys, "export", "--output", str(target), "--force", "--format", "csv")
    assert code == 0 and target.read_text().startswith(",".join(f'"{h}"' for h in HEADER))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_never_writes_over_the_database(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log(capsys, "coffee", 6, 4)
    before = db_path.read_bytes()
    code, _, err = run(capsys, "export", "-o", str(db_path), "--force")
    assert code == 2 and "is the database itself" in err
    assert db_path.read_bytes() == before


def test_import_prints_a_summary_and_is_idempotent(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log(capsys, "coffee", 6, 4, AWKWARD)
    log(capsys, "Tea", 5, 5)
    export = tmp_path / "out.json"
    assert run(capsys, "export", "-o", str(export))[0] == 0
    other = str(tmp_path / "other.db")
    code, out, err = run(capsys, "--db", other, "import", str(export))
    assert (code, err) == (0, "")
    assert out == "imported 2 exposures, 2 stimuli (0 already present)\n"
    code, out, _ = run(capsys, "--db", other, "import", str(export))
    assert out == "imported 0 exposures, 0 stimuli (4 already present)\n"
    _, first, _ = run(capsys, "export")
    _, second, _ = run(capsys, "--db", other, "export")
    assert first == second  # same data, same clock


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"not json at all", "not a teeter export"),
        (b'{"format": "teeter-export", "version": 9}', "newer teeter"),
        (
            b'{"format": "teeter-export", "version": 1, "exposures": [{"stimulus": "x"}]}',
            "is missing",
        ),
    ],
)
def test_import_refuses_a_bad_file_in_one_line_and_changes_nothing(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes,
    expected: str,
) -> None:
    log(capsys, "coffee", 6, 4)
    before = {p.name: p.read_bytes() for p in tmp_path.glob("teeter.db*")}
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, out, err = run(capsys, "import", str(bad))
    assert code == 2 and out == ""
    assert err.startswith(f"teeter import: {bad}: ") and expected in err
    assert err.count("\n") == 1
    assert {p.name: p.read_bytes() for p in tmp_path.glob("teeter.db*")} == before


def test_import_of_a_bad_file_does_not_create_a_database(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in err
    assert not db_path.exists()


@pytest.mark.parametrize("argv", [["import"], ["import", "x.json", "--demo"]])
def test_import_needs_a_path_or_demo(
    db_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and "PATH" in err and "--demo" in err and err.count("\n") == 1


def test_import_demo_loads_three_recent_days(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "import", "--demo")
    assert (code, err) == (0, "")
    assert out.startswith("imported 26 exposures, 3 stimuli, 3 check-ins, 5 timers, 3 reframes")
    from app.storage.tables import exposures

    now = pendulum.parse("2026-11-24T18:30:00+00:00")
    db = Database(db_path)
    try:
        rows = exposures.between(db, now.subtract(days=5), now.add(minutes=1))  # type: ignore[union-attr]
    finally:
        db.close()
    assert len(rows) == 26
    assert len({e.occurred_at.date() for e in rows}) >= 3
    assert now - rows[-1].occurred_at < pendulum.duration(minutes=10)  # type: ignore[operator]

    code, out, err = run(capsys, "import", "--demo")  # never mixed into existing entries
    assert code == 2 and "already holds entries" in err and "--db" in err


def test_forget_needs_yes(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log(capsys, "coffee", 6, 4)
    before = db_path.read_bytes()
    code, out, err = run(capsys, "forget")
    assert code == 2 and out == "" and "add --yes" in err and err.count("\n") == 1
    assert db_path.read_bytes() == before


def test_forget_yes_deletes_everything_and_backups(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log(capsys, "coffee", 6, 4, "canary-7f3a")
    from app.storage.file import files

    files.backup(db_path, 1)
    assert backups_of(db_path)
    code, out, _ = run(capsys, "forget", "--yes")
    assert code == 0 and "1 backup removed" in out and "2 rows deleted" in out
    assert backups_of(db_path) == []
    assert b"canary-7f3a" not in db_path.read_bytes()
    _, exported, _ = run(capsys, "export")
    assert json.loads(exported)["exposures"] == [] and json.loads(exported)["stimuli"] == []


def test_round_trip_through_real_processes_without_textual(tmp_path: Path) -> None:
    env = {**os.environ, "TEETER_NOW": "2026-11-24T18:30:00+00:00"}
    env.pop("TEETER_DB", None)
    demo, copy = tmp_path / "demo.db", tmp_path / "copy.db"
    export = tmp_path / "demo.json"

    def teeter(*argv: str) -> subprocess.CompletedProcess[str]:
        code = "import sys; from app.cli import main; r = main(sys.argv[1:]); "
        code += "assert 'textual' not in sys.modules, 'a shell command imported Textual'; "
        code += "sys.exit(r)"
        return subprocess.run(
            [sys.executable, "-c", code, *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )

    assert teeter("--db", str(demo), "import", "--demo").returncode == 0
    assert teeter("--db", str(demo), "export", "-o", str(export)).returncode == 0
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
    result = teeter("--db", str(copy), "import", str(export))
    assert result.returncode == 0, result.stderr
    assert "imported 26 exposures" in result.stdout
    first = teeter("--db", str(demo), "export").stdout
    second = teeter("--db", str(copy), "export").stdout
    assert first == second and json.loads(first)["exposures"]
    refused = teeter("--db", str(copy), "import", str(tmp_path))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    forgot = teeter("--db", str(copy), "forget", "--yes")
    assert forgot.returncode == 0 and "forgot everything" in forgot.stdout
