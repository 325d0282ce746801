"""A journal on a real PostgreSQL server: what only a server can do wrong (a wrong password,
another program's database, a newer or older schema, the server killed mid-write, writers in
several processes). What both engines share runs in the other suites through `where`."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pendulum
import pytest
import sqlalchemy as sa

from app.domain.records import ExposureSource, StimulusKind
from app.storage.file import schema
from app.storage.file.database import Database
from app.storage.file.errors import DatabaseUnavailable, NewerSchema, NotTeeterDatabase
from app.storage.file.portable import ServerSql
from app.storage.server import engine as server
from app.storage.tables import exposures, stimuli
from tests import pg_server

NOW = pendulum.datetime(2026, 11, 24, 9, 30, tz="Europe/Paris")
V1 = Path(__file__).parent / "fixtures" / "teeter_v1.db"


def log(db: Database, name: str = "coffee", **kw: object):  # type: ignore[no-untyped-def]
    return exposures.log(
        db,
        stimulus=name,
        occurred_at=kw.get("when", NOW),  # type: ignore[arg-type]
        enjoyment=7,
        craving=4,
        note=str(kw.get("note", "")),
        source=ExposureSource.TRACK,
        now=NOW,
    )


def tables(url: str) -> set[str]:
    engine = sa.create_engine(sa.engine.make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as conn:
            return set(
                conn.exec_driver_sql(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).scalars()
            )
    finally:
        engine.dispose()


def test_a_wrong_password_is_one_line_without_the_password_and_creates_nothing(
    pg_cluster: pg_server.Cluster,
) -> None:
    name = pg_cluster.new_database()
    wrong = pg_cluster.url(name, password="not-it")
    with pytest.raises(DatabaseUnavailable) as raised:
        Database(wrong)
    message = str(raised.value)
    assert "\n" not in message and "refused the user name or password" in message
    assert "not-it" not in message and pg_server.PASSWORD not in message
    assert message.startswith(f"postgresql://{pg_server.USER}@/{name}")
    assert tables(pg_cluster.url(name)) == set()


def test_no_password_at_all_and_no_such_database_say_so(pg_cluster: pg_server.Cluster) -> None:
    name = pg_cluster.new_database()
    with pytest.raises(DatabaseUnavailable, match="refused the user name or password"):
        Database(pg_cluster.url(name, password=None))
    with pytest.raises(DatabaseUnavailable, match="no such database"):
        Database(pg_cluster.url("nobody_made_this"))


def test_another_programs_database_is_refused_untouched(pg_url: str) -> None:
    engine = server.engine_for(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
    engine.dispose()
    with pytest.raises(NotTeeterDatabase, match="another program .*invoices"):
        Database(pg_url)
    assert tables(pg_url) == {"invoices"}


def test_a_newer_schema_is_refused_untouched(pg_url: str) -> None:
    Database(pg_url).close()
    engine = server.engine_for(pg_url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE teeter_schema SET version = {schema.SCHEMA_VERSION + 1}")
    engine.dispose()
    with pytest.raises(NewerSchema, match="newer teeter"):
        Database(pg_url)


def test_a_server_journal_is_made_by_the_same_steps_as_a_file(pg_url: str, tmp_path: Path) -> None:
    Database(pg_url).close()
    engine = server.engine_for(pg_url)
    with engine.connect() as conn:
        found = server.shape(conn)
        version = conn.exec_driver_sql("SELECT version FROM teeter_schema").scalar()
    engine.dispose()
    assert version == schema.SCHEMA_VERSION
    assert schema.missing_from(found, schema.SCHEMA_VERSION) is None
    assert set(found) - {"teeter_schema"} == set(schema.expected_shape(schema.SCHEMA_VERSION))


def _v1_on_server(url: str) -> None:
    """A schema-1 journal on the server, holding the rows of the frozen v1 fixture file."""
    engine = server.engine_for(url)
    source = sqlite3.connect(V1)
    booleans = {("stimulus", "archived"), ("timer", "urge_asked")}
    order = ("stimulus", "exposure", "checkin", "timer", "reframe", "experiment",
             "experiment_stimulus", "setting")  # fmt: skip
    with engine.begin() as conn:
        sql = ServerSql(conn.connection.driver_connection)
        schema.STEPS[1](sql)  # type: ignore[arg-type]
        conn.exec_driver_sql(
            "CREATE TABLE teeter_schema (application_id INTEGER NOT NULL, version INTEGER NOT NULL)"
        )
        conn.exec_driver_sql(f"INSERT INTO teeter_schema VALUES ({schema.APPLICATION_ID}, 1)")
        for table in order:
            cursor = source.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                values = [
                    bool(v) if (table, c) in booleans else v
                    for c, v in zip(columns, row, strict=True)
                ]
                quoted = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" for _ in columns)
                sql.execute(f'INSERT INTO "{table}" ({quoted}) VALUES ({marks})', values)
            if "id" in columns:
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
                )
    engine.dispose()
    source.close()


def test_a_v1_journal_on_the_server_is_upgraded_with_every_row(pg_url: str) -> None:
    _v1_on_server(pg_url)
    source = sqlite3.connect(V1)
    counts = {
        t: source.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("stimulus", "exposure", "reframe", "timer", "checkin")
    }
    source.close()
    db = Database(pg_url)
    with db.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("SELECT version FROM teeter_schema").scalar() == (
            schema.SCHEMA_VERSION
        )
        for table, count in counts.items():
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == count
        missing = conn.exec_driver_sql(
            "SELECT count(*) FROM exposure WHERE utc_offset IS NULL"
        ).scalar()
        assert missing == 0  # step 5 gave every old entry the offset it was lived at
    wine = stimuli.find(db, "wine")
    if wine is not None:  # step 3 moved plain substances to their class
        assert wine.kind is StimulusKind.ALCOHOL
    later = log(db, "a new one")  # the id sequence continues after the old rows
    assert later.id > counts["exposure"]
    db.close()


def test_times_keep_every_microsecond_and_names_fold_beyond_ascii(pg_url: str) -> None:
    db = Database(pg_url)
    exact = dt.datetime(2026, 3, 29, 1, 59, 59, 987654, tzinfo=dt.UTC)
    saved = log(db, "Straße", when=exact)
    log(db, "STRASSE")
    log(db, "ÉCLAIR")
    log(db, "éclair")
    [back, *_] = exposures.between(db, exact, exact + dt.timedelta(microseconds=1))
    assert back.occurred_at == exact == saved.occurred_at
    assert back.occurred_at.utcoffset() == dt.timedelta(0)
    assert sorted(s.name for s in stimuli.list_active(db)) == ["Straße", "ÉCLAIR"]
    db.close()


def together(procs: list[subprocess.Popen[str]]) -> list[str]:
    """Say "go" to every process waiting on its stdin, then collect what each said."""
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    return [proc.communicate(timeout=120)[1] for proc in procs]


WRITER = """
import sys, pendulum
from app.domain.records import ExposureSource
from app.storage.tables import exposures
from app.storage.file.database import Database
db = Database(sys.argv[1])
now = pendulum.datetime(2026, 11, 24, 9, 30, tz="UTC")
sys.stdin.readline()  # every writer starts together
for i in range(int(sys.argv[3])):
    exposures.log(db, stimulus=sys.argv[2] if i % 2 else f"shared {i}", occurred_at=now.subtract(
        minutes=i), enjoyment=5, craving=5, source=ExposureSource.SHELL, now=now)
db.close()
"""


def test_writers_in_several_processes_lose_nothing_and_never_fail(pg_url: str) -> None:
    """Six processes each log 30 entries, half of them to stimuli new to the journal that
    every process creates at the same moment (a read-then-write on the same name from every
    process at once: without the lock up front, a duplicate name fails)."""
    Database(pg_url).close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, pg_url, f"mine{n}", "30"],
            env=env,
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    time.sleep(1)  # all of them imported and connected, waiting for the word
    errors = together(procs)
    assert [p.returncode for p in procs] == [0] * 6, errors
    db = Database(pg_url)
    found = exposures.between(db, NOW.subtract(days=1), NOW.add(days=1))
    assert len(found) == 180
    assert len(stimuli.list_active(db)) == 6 + 15  # mine0..5, shared 0, 2, …, 28
    db.close()


@pytest.fixture
def own_cluster():  # type: ignore[no-untyped-def]
    """A server of this test's own, since the test kills it."""
    why = pg_server.unavailable()
    if why is not None:
        pytest.skip(f"no PostgreSQL server for the tests: {why}")
    cluster = pg_server.Cluster()
    cluster.start()
    yield cluster
    cluster.close()


def test_the_server_killed_mid_write_loses_the_write_whole_and_the_next_one_works(
    own_cluster: pg_server.Cluster,
) -> None:
    from app.storage.tables.models import ExposureRow

    url = own_cluster.url(own_cluster.new_database())
    db = Database(url)
    log(db, note="before")
    with pytest.raises(DatabaseUnavailable) as raised, db.write() as session:
        stimulus = stimuli.find_row(session, "coffee")
        assert stimulus is not None and stimulus.id is not None
        session.add(
            ExposureRow(stimulus_id=stimulus.id, occurred_at=NOW, enjoyment=3, craving=9,
                        note="half", created_at=NOW)
        )  # fmt: skip
        session.flush()  # the row is on the server, not committed
        own_cluster.stop("immediate")  # the server dies (no shutdown checkpoint)
    message = str(raised.value)
    assert "\n" not in message and "server" in message and pg_server.PASSWORD not in message
    own_cluster.restart_after_kill()
    log(db, note="after")  # the same open journal reconnects
    notes = [e.note for e in exposures.between(db, NOW.subtract(days=1), NOW.add(days=1))]
    assert sorted(notes) == ["after", "before"]
    db.close()


def test_a_stopped_server_is_one_line_within_the_connect_timeout(
    own_cluster: pg_server.Cluster,
) -> None:
    import time

    url = own_cluster.url(own_cluster.new_database())
    own_cluster.stop()
    started = time.monotonic()
    with pytest.raises(DatabaseUnavailable, match="cannot reach the server"):
        Database(url)
    assert time.monotonic() - started < server.CONNECT_TIMEOUT_S


CHECKIN = """
import sys, datetime as dt, pendulum
from app.domain.checkin import Step, StepState
from app.storage.tables import checkins
from app.storage.file.database import Database
db = Database(sys.argv[1])
now = pendulum.datetime(2026, 11, 24, 9, 30, tz="UTC")
sys.stdin.readline()  # every client starts together
for day in range(40):
    for step in sys.argv[2].split(","):
        checkins.mark_step(db, dt.date(2026, 10, 1) + dt.timedelta(days=day), Step(step),
                           StepState.DONE, now)
db.close()
"""


def test_two_clients_checking_in_at_the_same_moment_lose_nothing(pg_url: str) -> None:
    """Two machines mark steps of the same days' check-ins at once (40 days over): both
    create "that day's row" unless the lock comes first. One row a day, every step."""
    Database(pg_url).close()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    clients = [
        subprocess.Popen(
            [sys.executable, "-c", CHECKIN, pg_url, steps],
            env=env,
            stdin=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for steps in ("notice,track", "space,reframe")
    ]
    time.sleep(1)  # both imported and connected, waiting for the word
    errors = together(clients)
    assert [client.returncode for client in clients] == [0, 0], errors
    from app.domain.checkin import Step
    from app.storage.tables import checkins

    db = Database(pg_url)
    with db.read() as session:
        rows = session.connection().exec_driver_sql("SELECT count(*) FROM checkin").scalar()
    assert rows == 40
    for day in range(40):
        record = checkins.for_day(db, dt.date(2026, 10, 1) + dt.timedelta(days=day))
        assert record is not None and record.progress.complete
        assert all(record.progress.state(step).value == "done" for step in Step)
    db.close()


def test_a_read_sees_one_journal_while_another_client_writes(pg_url: str) -> None:
    """A screen reads with several queries; on a file they share one snapshot. On a server
    too: a commit landing between two of a read's queries is not half seen."""
    from sqlmodel import func, select

    from app.storage.tables.models import ExposureRow

    reader, writer = Database(pg_url), Database(pg_url)
    try:
        log(writer)
        with reader.read() as session:
            before = session.exec(select(func.count()).select_from(ExposureRow)).one()
            log(writer, note="landed meanwhile")  # committed by another client
            after = session.exec(select(func.count()).select_from(ExposureRow)).one()
        with reader.read() as session:
            fresh = session.exec(select(func.count()).select_from(ExposureRow)).one()
    finally:
        reader.close()
        writer.close()
    assert (before, after, fresh) == (1, 1, 2)
