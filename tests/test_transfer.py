"""Export, import, the demo data set and forget, at the storage layer."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pendulum
import pytest
import sqlalchemy as sa

from app.domain.checkin import Step, StepState
from app.domain.experiment import DayEntry, Period, StimulusComparison, Summary
from app.domain.records import ExposureSource, Outcome, TimerEnd
from app.storage import transfer
from app.storage.file import files
from app.storage.file.database import Database
from app.storage.file.forget import ForgetIncomplete, backups_of, forget_all
from app.storage.tables import checkins, exposures, reframes, settings, stimuli, timers
from app.storage.tables.models import ExperimentRow, ExperimentStimulusRow, ExposureRow
from app.storage.transfer import OutputExists, TransferError, write_private
from app.storage.transfer import merge as transfer_import
from app.storage.transfer.csv_export import HEADER, export_csv
from app.storage.transfer.demo import latest_moment, load_demo, shift_to_now
from app.storage.transfer.json_export import dumps, export_json, snapshot
from app.storage.transfer.merge import import_bundle
from app.storage.transfer.parse import parse, read_file

NOW = pendulum.datetime(2026, 11, 24, 20, 0, tz="UTC")
CANARY = "canary-7f3a"
AWKWARD_NOTES = [
    'with, commas and "double quotes"',
    "two\nlines, and a\r\nWindows break",
    "unicode: café ☕ 日本語 🙂",
    "'single' and ;semi;colons; and =SUM(A1)",
    "[bold]not bold[/] [@click=app.quit]x[/]",
]
MARKUP_NAMES = ["[bold]x", "[/]", "[@click=app.quit]x", "Café ☕"]


@pytest.fixture
def db(tmp_path: Path) -> Any:
    database = Database(tmp_path / "teeter.db")
    yield database
    database.close()


def fill(db: Database, extra_note: str = "") -> None:
    """Some of everything, with awkward text."""
    start = NOW - dt.timedelta(days=2)
    names = ["coffee", *MARKUP_NAMES]
    for index in range(15):
        exposures.log(
            db,
            stimulus=names[index % len(names)],
            occurred_at=start + dt.timedelta(hours=3 * index, microseconds=index),
            enjoyment=1 + index % 10,
            craving=10 - index % 10,
            note=(AWKWARD_NOTES[index % len(AWKWARD_NOTES)] + extra_note) if index % 3 else "",
            source=list(ExposureSource)[index % len(ExposureSource)],
            now=NOW,
        )
    first = timers.start(db, "coffee", dt.timedelta(hours=2), start)
    timers.finish(db, first.id, TimerEnd.ENDED_EARLY, start + dt.timedelta(minutes=50))
    timers.record_urge(db, first.id, 6)
    timers.start(db, "[/]", dt.timedelta(hours=1), NOW - dt.timedelta(minutes=10))
    reframes.add(
        db,
        occurred_at=start + dt.timedelta(hours=5),
        stimulus="coffee",
        label="wanting, not liking",
        craving_before=8,
        craving_after=4,
        outcome=Outcome.WAITED,
        surf_minutes=10,
    )
    reframes.add(
        db,
        occurred_at=start + dt.timedelta(hours=6),
        stimulus=None,
        label="just a wave [b]",
        craving_before=5,
        craving_after=None,
        outcome=None,
    )
    for offset, state in ((2, StepState.DONE), (1, StepState.SKIPPED)):
        for step in Step:
            checkins.mark_step(db, NOW.date() - dt.timedelta(days=offset), step, state, NOW)
    checkins.mark_step(db, NOW.date(), Step.NOTICE, StepState.DONE, NOW)
    settings.put(db, "day_start_hour", "5")
    settings.put(db, "theme", "textual-light")
    with db.write() as session:
        experiment = ExperimentRow(
            first_day=NOW.date() - dt.timedelta(days=3),
            started_at=NOW - dt.timedelta(days=3),
            state="completed",
            summary=Summary(
                first_day=NOW.date() - dt.timedelta(days=3),
                days=3,
                day_entries=(DayEntry(1, NOW.date() - dt.timedelta(days=3), 4),),
                stimuli=(
                    StimulusComparison(
                        1,
                        "coffee",
                        Period(1, 1, 4, 6.1, 5.0, 90.0),
                        Period(2, 2, 3, 7.4, 4.0, None),
                        "enjoyment rose 6.1 → 7.4",
                    ),
                ),
            ).to_json(),
        )
        session.add(experiment)
        session.flush()
        for name in ("coffee", "[bold]x"):
            row = stimuli.find_row(session, name)
            assert row is not None and row.id is not None and experiment.id is not None
            session.add(ExperimentStimulusRow(experiment_id=experiment.id, stimulus_id=row.id))


def content(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def dump_all(path: Path) -> list[Any]:
    """Every row of every table, for "the database is unchanged" checks (not the journal's
    identity: its write counter moves with every transaction, see journal_wal)."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name != 'journal_identity' ORDER BY 1"
            )
        ]
        return [(t, sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"')))) for t in tables]
    finally:
        conn.close()


def import_text(db: Database, text: str, tmp_path: Path) -> transfer_import.ImportSummary:
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    return import_bundle(db, read_file(path), NOW)


# --- JSON -----------------------------------------------------------------------------


def test_json_export_holds_everything_with_names_and_utc_offsets(db: Database) -> None:
    fill(db)
    document = json.loads(export_json(db, NOW))
    assert document["format"] == "teeter-export" and document["version"] == transfer.VERSION
    assert {s["name"] for s in document["stimuli"]} == {"coffee", *MARKUP_NAMES}
    assert len(document["exposures"]) == 15
    assert {e["stimulus"] for e in document["exposures"]} == {"coffee", *MARKUP_NAMES}
    assert len(document["checkins"]) == 3 and len(document["timers"]) == 2
    assert len(document["reframes"]) == 2 and document["reframes"][1]["stimulus"] is None
    assert document["experiments"][0]["stimuli"] == ["[bold]x", "coffee"]
    assert document["settings"] == {"day_start_hour": "5", "theme": "textual-light"}
    for exposure in document["exposures"]:
        assert exposure["occurred_at"].endswith("+00:00")
        assert dt.datetime.fromisoformat(exposure["occurred_at"]).tzinfo is not None


def test_json_round_trip_through_a_new_file(db: Database, tmp_path: Path) -> None:
    fill(db)
    first = export_json(db, NOW)
    other = Database(tmp_path / "other.db")
    try:
        summary = import_text(other, first, tmp_path)
        second = export_json(other, NOW)
    finally:
        other.close()
    assert summary.added["exposures"] == 15 and summary.present == 0
    assert content(json.loads(second)) == content(json.loads(first))
    assert second == first  # byte for byte, since exported_at is the same


def test_awkward_text_survives_the_round_trip(db: Database, tmp_path: Path) -> None:
    fill(db)
    notes = {e["note"] for e in snapshot(db, NOW)["exposures"]}
    assert "two\nlines, and a\nWindows break" in notes  # a bare \r is a control character
    assert "[bold]not bold[/] [@click=app.quit]x[/]" in notes
    other = Database(tmp_path / "other.db")
    try:
        import_text(other, export_json(db, NOW), tmp_path)
        assert {e["note"] for e in snapshot(other, NOW)["exposures"]} == notes
    finally:
        other.close()


def test_export_is_one_snapshot_even_while_another_process_writes(db: Database) -> None:
    fill(db)
    writer = sqlite3.connect(db.path, isolation_level=None)
    wrote = []

    def write_between_queries(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not wrote and "FROM stimulus" in statement:  # the export's first query
            writer.execute(
                "INSERT INTO exposure (stimulus_id, occurred_at, enjoyment, craving, note,"
                " source, created_at) SELECT id, '2026-11-24 19:00:00.000000', 5, 5, 'late',"
                " 'shell', '2026-11-24 19:00:00.000000' FROM stimulus LIMIT 1"
            )
            wrote.append(True)

    sa.event.listen(db.engine, "after_cursor_execute", write_between_queries)
    try:
        during = snapshot(db, NOW)
    finally:
        sa.event.remove(db.engine, "after_cursor_execute", write_between_queries)
        writer.close()
    assert wrote and len(during["exposures"]) == 15  # the late write is not half-seen
    assert len(snapshot(db, NOW)["exposures"]) == 16


def test_dumps_is_one_record_per_line_and_plain_json() -> None:
    document = {"format": "teeter-export", "version": 1, "items": [{"a": "é\n"}, {"b": 2}]}
    text = dumps(document)
    assert json.loads(text) == document
    assert '    {"a": "é\\n"},\n    {"b": 2}\n' in text


# --- CSV ------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_quoted_row_per_exposure(db: Database) -> None:
    fill(db)
    text = export_csv(db)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == HEADER
    expected = [
        [e["occurred_at"], e["stimulus"], str(e["enjoyment"]), str(e["craving"]), e["note"]]
        + [e["source"], e["utc_offset"]]
        for e in snapshot(db, NOW)["exposures"]
    ]
    assert rows[1:] == expected
    assert '"with, commas and ""double quotes"""' in text
    assert any("\n" in row[4] for row in rows[1:])


def test_csv_of_an_empty_database_is_the_header(db: Database) -> None:
    assert export_csv(db) == ",".join(f'"{name}"' for name in HEADER) + "\r\n"


# --- import: idempotence and merging -------------------------------------------------------


def test_importing_the_same_file_twice_adds_nothing(db: Database, tmp_path: Path) -> None:
    fill(db)
    text = export_json(db, NOW)
    other = Database(tmp_path / "other.db")
    try:
        import_text(other, text, tmp_path)
        before = dump_all(other.path)
        again = import_text(other, text, tmp_path)
        assert dump_all(other.path) == before
    finally:
        other.close()
    document = json.loads(text)
    records = sum(len(document[k]) for k in ("stimuli", "exposures", "checkins", "timers"))
    records += len(document["reframes"]) + len(document["experiments"]) + len(document["settings"])
    assert sum(again.added.values()) == 0
    assert again.present == records == 30  # every record and setting, each matched once
    assert again.line() == "imported 0 exposures, 0 stimuli (30 already present)"
    # and into the database it came from: also nothing
    assert sum(import_text(db, text, tmp_path).added.values()) == 0


def test_identical_entries_are_counted_not_collapsed(db: Database, tmp_path: Path) -> None:
    for _ in range(2):
        exposures.log(
            db,
            stimulus="tea",
            occurred_at=NOW,
            enjoyment=5,
            craving=5,
            source=ExposureSource.SHELL,
            now=NOW,
        )
    text = export_json(db, NOW)
    other = Database(tmp_path / "other.db")
    try:
        assert import_text(other, text, tmp_path).added["exposures"] == 2
        assert import_text(other, text, tmp_path).added["exposures"] == 0
    finally:
        other.close()


def test_import_keeps_what_is_already_there(db: Database, tmp_path: Path) -> None:
    settings.put(db, "theme", "mine")
    checkins.mark_step(db, NOW.date(), Step.NOTICE, StepState.SKIPPED, NOW)
    exposures.log(
        db,
        stimulus="Coffee",
        occurred_at=NOW,
        enjoyment=5,
        craving=5,
        source=ExposureSource.SHELL,
        now=NOW,
    )
    document = {
        "format": "teeter-export",
        "version": 1,
        "stimuli": [{"name": "COFFEE", "kind": "caffeine"}],
        "exposures": [
            {"stimulus": "coffee", "occurred_at": "2026-11-24T21:00:00+01:00", "enjoyment": 5}
            | {"craving": 5, "note": ""},
            {"stimulus": "new one", "occurred_at": "2026-11-24T19:00:00Z", "enjoyment": 3}
            | {"craving": 7},
        ],
        "checkins": [
            {
                "day": NOW.date().isoformat(),
                "notice": "done",
                "started_at": "2026-11-24T08:00:00+00:00",
            }
        ],
        "settings": {"theme": "theirs", "day_start_hour": "6"},
    }
    summary = import_text(db, json.dumps(document), tmp_path)
    assert summary.added == {
        "stimuli": 1,
        "exposures": 1,
        "checkins": 0,
        "timers": 0,
        "urges": 0,
        "reframes": 0,
        "experiments": 0,
        "settings": 1,
    }
    assert summary.present == 1 + 1 + 1 + 1  # COFFEE, its exposure, the day, the theme
    after = snapshot(db, NOW)
    assert [s["name"] for s in after["stimuli"]] == ["Coffee", "new one"]
    assert after["stimuli"][0]["kind"] == "caffeine"  # the existing stimulus is kept as it was
    assert after["settings"] == {"theme": "mine", "day_start_hour": "6"}
    assert after["checkins"][0]["notice"] == "skipped"
    assert after["exposures"][0]["source"] == "import"  # no source given: marked as imported


# --- import: refusals ---------------------------------------------------------------------

TEA = {"stimulus": "tea", "occurred_at": "2026-11-24T08:00:00+00:00", "enjoyment": 6}
TEA["craving"] = 4
VALID: dict[str, Any] = {"format": "teeter-export", "version": 1, "exposures": [TEA]}


def _doc(**sections: Any) -> str:
    return json.dumps(VALID | sections)


def _exposure(**changes: Any) -> str:
    """VALID plus a second exposure with `changes` (Ellipsis drops a field)."""
    record = {k: v for k, v in (TEA | changes).items() if v is not ...}
    return _doc(exposures=[TEA, record])


HOUR = {"started_at": "2026-11-24T08:00:00Z", "ends_at": "2026-11-24T09:00:00Z"}
REFUSED: dict[str, tuple[str | bytes, str]] = {
    "empty file": ("", "not JSON"),
    "binary": (b"\x00\x01\x02\xff", "not UTF-8"),
    "plain text": ("hello", "not JSON"),
    "truncated": (json.dumps(VALID)[:-20], "not valid JSON (line 1"),
    "list": ("[1, 2]", "not a teeter export"),
    "foreign json": ('{"name": "something else"}', "not a teeter export"),
    "other format": ('{"format": "other-app", "version": 1}', "not a teeter export"),
    "newer version": ('{"format": "teeter-export", "version": 99}', "newer teeter"),
    "no version": ('{"format": "teeter-export"}', 'no valid "version"'),
    "text version": ('{"format": "teeter-export", "version": "1"}', 'no valid "version"'),
    "rating 11": (_exposure(enjoyment=11), "exposures[1].enjoyment must be from 1 to 10"),
    "rating 0": (_exposure(craving=0), "exposures[1].craving must be from 1 to 10"),
    "rating as text": (_exposure(craving="7"), "craving must be a whole number"),
    "rating true": (_exposure(craving=True), "craving must be a whole number"),
    "rating 6.5": (_exposure(enjoyment=6.5), "enjoyment must be a whole number"),
    "no enjoyment": (_exposure(enjoyment=...), "exposures[1].enjoyment is missing"),
    "no stimulus": (_exposure(stimulus=...), "exposures[1].stimulus is missing"),
    "blank stimulus": (_exposure(stimulus="  "), "stimulus must be a name"),
    "naive time": (_exposure(occurred_at="2026-11-24T08:00:00"), "needs a UTC offset"),
    "bad time": (_exposure(occurred_at="yesterday"), "must be an ISO 8601 time"),
    "bad source": (_exposure(source="telepathy"), "source must be one of"),
    "long note": (_exposure(note="x" * 2001), "longer than 2000"),
    "exposures not a list": (_doc(exposures={}), "exposures must be a list"),
    "record not an object": (_doc(exposures=[1]), "exposures[0] must be an object"),
    "timer urge 12": (
        _doc(timers=[{"stimulus": "tea", "urge": 12} | HOUR]),
        "timers[0].urge must be from 1 to 10",
    ),
    "timer without end": (
        _doc(timers=[{"stimulus": "tea", "started_at": HOUR["started_at"]}]),
        "timers[0].ends_at is missing",
    ),
    "reframe without label": (
        _doc(reframes=[{"occurred_at": HOUR["started_at"], "craving_before": 5, "label": " "}]),
        "reframes[0].label is empty",
    ),
    "duplicate day": (
        _doc(
            checkins=[
                {"day": "2026-11-24", "started_at": "2026-11-24T08:00:00Z"},
                {"day": "2026-11-24", "started_at": "2026-11-24T09:00:00Z"},
            ]
        ),
        "checkins[1].day 2026-11-24 appears twice",
    ),
    "bad day": (
        _doc(checkins=[{"day": "24/11/2026", "started_at": "2026-11-24T08:00:00Z"}]),
        "checkins[0].day must be a date",
    ),
    "duplicate stimulus": (
        _doc(stimuli=[{"name": "Tea"}, {"name": "TEA"}]),
        "stimuli[1].name 'TEA' repeats 'Tea'",
    ),
    "bad kind": (_doc(stimuli=[{"name": "tea", "kind": "vegetable"}]), "kind must be one of"),
    "setting not text": (_doc(settings={"theme": 3}), "settings.theme must be text"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_file_is_refused_whole_and_the_database_is_untouched(
    db: Database, tmp_path: Path, case: str
) -> None:
    fill(db, extra_note=CANARY)
    db.close()
    before = {p.name: p.read_bytes() for p in tmp_path.glob("teeter.db*")}
    text, expected = REFUSED[case]
    path = tmp_path / "bad.json"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(TransferError) as caught:
        read_file(path)
    message = str(caught.value)
    assert str(path) in message and expected in message, message
    assert "\n" not in message and "nothing was imported" in message
    assert {p.name: p.read_bytes() for p in tmp_path.glob("teeter.db*")} == before


def test_a_failure_while_writing_rolls_everything_back(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db)
    text = export_json(db, NOW)
    other = Database(tmp_path / "other.db")
    real_insert = transfer_import._insert
    calls = []

    def failing_insert(conn: Any, table: Any, rows: Any) -> int:
        calls.append(table.name)
        if table.name == "reframe":
            raise sa.exc.IntegrityError("INSERT", {}, Exception("simulated"))
        return real_insert(conn, table, rows)

    monkeypatch.setattr(transfer_import, "_insert", failing_insert)
    try:
        before = dump_all(other.path)
        with pytest.raises(TransferError, match="simulated"):
            import_text(other, text, tmp_path)
        assert "exposure" in calls  # exposures were written, then rolled back
        assert dump_all(other.path) == before
    finally:
        other.close()


def test_an_unlisted_stimulus_is_created(db: Database) -> None:
    bundle = parse(json.dumps(VALID).encode(), Path("x.json"))
    assert [s.name for s in bundle.stimuli] == ["tea"]
    import_bundle(db, bundle, NOW)
    assert snapshot(db, NOW)["stimuli"][0]["kind"] == "caffeine"  # tea: from its name


def test_control_characters_in_a_file_never_reach_the_database(db: Database) -> None:
    document = _doc(exposures=[TEA | {"stimulus": "te\x1b[31ma", "note": "a\x1b]0;x\x07b"}])
    import_bundle(db, parse(document.encode(), Path("x.json")), NOW)
    exported = snapshot(db, NOW)
    assert exported["stimuli"][0]["name"] == "te[31ma"
    assert exported["exposures"][0]["note"] == "a]0;xb"


# --- writing export files ------------------------------------------------------------------


def test_export_files_are_owner_only_and_never_clobbered(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    old_umask = os.umask(0o022)
    try:
        write_private(target, b"one")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(OutputExists, match="already exists; add --force"):
        write_private(target, b"two")
    assert target.read_bytes() == b"one"
    target.chmod(0o644)
    write_private(target, b"three", force=True)
    assert target.read_bytes() == b"three"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]  # no temporary left


def test_export_to_a_directory_or_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TransferError, match="is a directory"):
        write_private(tmp_path, b"x")
    with pytest.raises(TransferError, match="cannot write"):
        write_private(tmp_path / "missing" / "out.json", b"x")


# --- demo ---------------------------------------------------------------------------------


def test_demo_is_a_valid_export_of_three_days(tmp_path: Path) -> None:
    bundle = load_demo()
    assert len(bundle.stimuli) == 3
    assert {e.occurred_at.date() for e in bundle.exposures} == {
        dt.date(2026, 3, 9),
        dt.date(2026, 3, 10),
        dt.date(2026, 3, 11),
    }
    per_day: dict[dt.date, int] = {}
    for e in bundle.exposures:
        per_day[e.occurred_at.date()] = per_day.get(e.occurred_at.date(), 0) + 1
    assert all(8 <= count <= 12 for count in per_day.values())
    assert any(t.urge is not None for t in bundle.timers) and len(bundle.reframes) >= 2


def test_demo_import_is_recent_and_shows_the_tilt(db: Database) -> None:
    now = pendulum.datetime(2026, 11, 24, 10, 17, 42, tz="Europe/Paris")
    bundle = shift_to_now(load_demo(), now, now.timezone, 4)  # type: ignore[arg-type]
    latest = latest_moment(bundle)
    assert latest is not None and dt.timedelta(0) < now - latest < dt.timedelta(minutes=5)
    import_bundle(db, bundle, now, only_if_empty=True)
    rows = exposures.between(db, now - dt.timedelta(days=7), now + dt.timedelta(minutes=1))
    assert len({e.occurred_at.astimezone(now.timezone).date() for e in rows}) >= 3
    assert now - max(e.occurred_at for e in rows) < dt.timedelta(minutes=30)
    coffee = [e for e in rows if e.stimulus_name == "coffee"]
    assert coffee[0].enjoyment > coffee[-1].enjoyment and coffee[0].craving < coffee[-1].craving
    phone = [e for e in rows if e.stimulus_name == "phone"]
    assert phone[0].enjoyment < phone[-1].enjoyment and phone[0].craving > phone[-1].craving
    assert [t.stimulus_name for t in timers.active(db)] == ["phone"]  # one still running
    assert timers.active(db)[0].ends_at > now
    today = checkins.for_day(db, dt.date(2026, 11, 24))
    assert today is not None and today.completed_at is None  # a check-in to resume


def test_demo_goes_only_into_an_empty_database(db: Database) -> None:
    exposures.log(
        db,
        stimulus="tea",
        occurred_at=NOW,
        enjoyment=5,
        craving=5,
        source=ExposureSource.SHELL,
        now=NOW,
    )
    before = dump_all(db.path)
    with pytest.raises(transfer_import.NotEmpty):
        import_bundle(db, load_demo(), NOW, only_if_empty=True)
    assert dump_all(db.path) == before


# --- forget -------------------------------------------------------------------------------


def _holds_canary(tmp_path: Path) -> dict[str, bool]:
    return {p.name: CANARY.encode() in p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}


def test_forget_leaves_no_trace_in_the_file_its_log_or_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some SQLite builds (Debian's) zero deleted bytes by default; most do not. Behave like
    # the latter, so the test shows that forget does not rely on the build.
    configure = files.configure

    def without_secure_delete(conn: sqlite3.Connection) -> None:
        configure(conn)
        conn.execute("PRAGMA secure_delete = OFF")

    monkeypatch.setattr(files, "configure", without_secure_delete)
    path = tmp_path / "teeter.db"
    db = Database(path)
    idle = sqlite3.connect(path)  # an idle reader keeps the -wal file in place
    idle.execute("SELECT count(*) FROM sqlite_master").fetchall()
    try:
        fill(db, extra_note=CANARY)
        reframes.add(
            db,
            occurred_at=NOW,
            stimulus=f"{CANARY} stimulus",
            label=f"{CANARY} label",
            craving_before=5,
            craving_after=2,
            outcome=None,
        )
        settings.put(db, "help_text", CANARY)
        db.close()
        files.backup(path, 1)
        assert len(backups_of(path)) == 1
        holds = _holds_canary(tmp_path)
        assert holds["teeter.db-wal"] and any(holds[b.name] for b in backups_of(path))
        result = forget_all(path)
    finally:
        idle.close()
    assert result.rows > 30 and len(result.backups) == 1
    assert not any(_holds_canary(tmp_path).values())
    wal = path.with_name("teeter.db-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert backups_of(path) == []
    reopened = Database(path)  # still a working, empty teeter database
    try:
        assert content(snapshot(reopened, NOW))["exposures"] == []
    finally:
        reopened.close()


def test_forget_refuses_a_file_that_is_not_teeters(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(Exception, match="another program"):
        forget_all(other)
    assert other.read_bytes() == before


def test_forget_says_so_when_a_reader_keeps_the_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "teeter.db"
    db = Database(path)
    exposures.log(
        db,
        stimulus="tea",
        occurred_at=NOW,
        enjoyment=5,
        craving=5,
        source=ExposureSource.SHELL,
        now=NOW,
    )
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM exposure").fetchall()  # holds a snapshot open
    try:
        with pytest.raises(ForgetIncomplete, match="run forget again"):
            forget_all(path)
    finally:
        reader.close()
        db.close()
    assert forget_all(path).rows == 0  # already deleted; now the log is cleared too


def test_forget_without_a_database_only_clears_backups(tmp_path: Path) -> None:
    result = forget_all(tmp_path / "none.db")
    assert not result.existed and result.rows == 0
    assert not (tmp_path / "none.db").exists()


def test_exposure_table_is_what_the_export_reads(db: Database) -> None:
    """Guard: every exposure column is in the export (a new column must be added there)."""
    exported = {"stimulus", "occurred_at", "enjoyment", "craving", "note", "source", "utc_offset"}
    columns = {c.name for c in ExposureRow.__table__.columns} - {"id", "stimulus_id"}
    assert columns <= exported | {"created_at"}


def test_a_streamed_export_that_fails_half_way_leaves_no_file(tmp_path: Path) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"format": "teeter-export",\n'
        raise RuntimeError("the database went away mid-export")

    target = tmp_path / "export.json"
    with pytest.raises(RuntimeError):
        write_private(target, chunks())
    assert not target.exists()
    old = tmp_path / "kept.json"
    write_private(old, b"the earlier export")
    with pytest.raises(RuntimeError):
        write_private(old, chunks(), force=True)
    assert old.read_bytes() == b"the earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.json"]


def test_the_streamed_export_is_the_document_in_chunks(db: Database) -> None:
    from app.storage.transfer.json_export import export_chunks

    fill(db)
    chunks = list(export_chunks(db, NOW))
    assert "".join(chunks) == dumps(snapshot(db, NOW))
    assert len(json.loads("".join(chunks))["exposures"]) == 15
