# ruff: noqa: F811
"""`teeter urge`, `teeter remind` and `teeter watch --install/--uninstall` from the shell,
with "now" pinned by TEETER_NOW; bad input is one line, exit 2, nothing written."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from app.cli import main
from tests.conftest import journal_digest, journal_exists
from tests.test_cli_timer import clock, rows, teeter  # noqa: F401 - the shared fixture

NOON = "2026-03-10T12:00:00+01:00"


def digest(path: Path | str) -> str:
    return journal_digest(path)


@pytest.fixture
def ran_out(clock, db: Path) -> Path:
    """A 30-minute coffee timer started at 11:30 that ran out at noon; now is 12:05."""
    clock.set("2026-03-10T11:30:00+01:00")
    assert teeter(db, "timer", "start", "coffee", "30m") == 0
    clock.set("2026-03-10T12:05:00+01:00")
    return db


@pytest.fixture
def db(where: str) -> str:
    """The journal the commands run on: a file, then a server journal (conftest `where`)."""
    return where


def test_within_ten_minutes_it_is_the_timers_end_answer(ran_out, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert teeter(ran_out, "urge", "coffee", "6") == 0
    assert (
        capsys.readouterr().out
        == "coffee: craving 6/10 recorded for the timer that ran out at 12:00\n"
    )
    assert rows(ran_out, "SELECT urge, urge_asked, end_reason FROM timer") == [(6, 1, "ran_out")]
    assert rows(ran_out, "SELECT key FROM claim") == [("urge-question:1",)]


def test_later_it_is_a_rating_of_its_own_with_its_own_time(ran_out, clock, capsys) -> None:  # type: ignore[no-untyped-def]
    clock.set("2026-03-10T13:00:00+01:00")
    capsys.readouterr()
    assert teeter(ran_out, "urge", "COFFEE", "8") == 0
    assert capsys.readouterr().out == (
        "coffee: craving 8/10 at 13:00, kept as a rating of its own: the timer ran out at 12:00, "
        "too long ago to count as its end\n"
    )
    assert rows(ran_out, "SELECT urge FROM timer") == [(None,)]
    assert rows(ran_out, "SELECT timer_id, rated_at, urge, source FROM urge_rating") == [
        (1, "2026-03-10 12:00:00.000000", 8, "shell")
    ]
    # answered: a second answer has no timer waiting, so it is a plain rating
    assert teeter(ran_out, "urge", "coffee", "3") == 0
    assert "no timer was waiting" in capsys.readouterr().out
    assert rows(ran_out, "SELECT timer_id, urge FROM urge_rating ORDER BY id") == [
        (1, 8),
        (None, 3),
    ]


def test_without_a_name_the_latest_waiting_timer_is_answered(ran_out, capsys) -> None:  # type: ignore[no-untyped-def]
    assert teeter(ran_out, "urge", "5") == 0
    assert rows(ran_out, "SELECT urge FROM timer") == [(5,)]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["coffee", "11"], "teeter urge: the craving must be from 1 to 10, not 11\n"),
        (["coffee", "0"], "teeter urge: the craving must be from 1 to 10, not 0\n"),
        (
            ["coffee", "six"],
            "teeter urge: the craving must be a whole number from 1 to 10, not 'six'\n",
        ),
        (["tea", "4"], "teeter urge: no stimulus named tea (see: teeter timer list)\n"),
        (["  ", "4"], None),
        (
            ["black", "coffee", "4"],
            "teeter urge: give the stimulus as one argument (quote a name with spaces)\n",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(ran_out, capsys, args, error) -> None:  # type: ignore[no-untyped-def]
    before = digest(ran_out)
    capsys.readouterr()
    assert teeter(ran_out, "urge", *args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("teeter urge: ")
    if error is not None:
        assert err == error
    assert digest(ran_out) == before


def test_nothing_waiting_and_no_file(clock, db, capsys) -> None:  # type: ignore[no-untyped-def]
    assert teeter(db, "urge", "4") == 2
    assert capsys.readouterr().err == "teeter urge: no timer is waiting for a craving answer\n"
    assert not journal_exists(db)
    assert teeter(db, "urge") == 2  # argparse: N is required
    assert not journal_exists(db)


def test_remind_sets_shows_and_turns_off(clock, db, capsys) -> None:  # type: ignore[no-untyped-def]
    assert teeter(db, "remind") == 0
    assert capsys.readouterr().out == "no check-in reminder\n"
    assert not journal_exists(db)
    assert teeter(db, "remind", "at", "7:05") == 0
    assert teeter(db, "remind", "quiet", "22:00-06:30") == 0
    capsys.readouterr()
    assert teeter(db, "remind") == 0
    assert capsys.readouterr().out == (
        "check-in reminder at 07:05, when today's check-in is not complete; quiet hours "
        "22:00-06:30 (sent by teeter watch)\n"
    )
    assert teeter(db, "remind", "off") == 0
    assert teeter(db, "remind", "quiet", "off") == 0
    assert rows(db, "SELECT key FROM setting WHERE key IN ('reminder_at', 'quiet_hours')") == []


@pytest.mark.parametrize(
    "args", [["at", "25:00"], ["at"], ["quiet", "22:00"], ["sometimes"], ["at", "20:30", "x"]]
)
def test_remind_refuses_bad_input(clock, db, capsys, args) -> None:  # type: ignore[no-untyped-def]
    assert teeter(db, "remind", *args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("teeter remind: ")
    assert not journal_exists(db)


def test_install_writes_one_unit_says_so_and_uninstall_removes_only_it(
    clock, db_path, tmp_path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setattr(sys, "platform", "linux")
    neighbour = config / "systemd" / "user" / "other.service"
    neighbour.parent.mkdir(parents=True)
    neighbour.write_text("mine")
    unit = config / "systemd" / "user" / "teeter-watch.service"
    assert main(["--db", str(db_path), "watch", "--install"]) == 0
    assert capsys.readouterr().out == (
        f"wrote: {unit}\nto start it now and at every login: systemctl --user daemon-reload "
        "&& systemctl --user enable --now teeter-watch.service\n"
    )
    text = unit.read_text()
    assert f"ExecStart={sys.executable} -m app --db {db_path.resolve()} watch\n" in text
    assert main(["--db", str(db_path), "watch", "--install"]) == 0
    assert capsys.readouterr().out.startswith(f"unchanged: {unit} (already installed)")
    assert main(["--db", str(db_path), "watch", "--uninstall"]) == 0
    assert capsys.readouterr().out == (
        f"removed: {unit}\nif it is running, stop it with: systemctl --user disable --now "
        "teeter-watch.service\n"
    )
    assert sorted(p.name for p in unit.parent.iterdir()) == ["other.service"]
    assert neighbour.read_text() == "mine"
    assert main(["--db", str(db_path), "watch", "--uninstall"]) == 0
    assert capsys.readouterr().out == f"nothing to remove: {unit} does not exist\n"


def test_install_on_macos_writes_a_launch_agent(  # type: ignore[no-untyped-def]
    clock, db_path, tmp_path, capsys, monkeypatch
) -> None:
    import plistlib

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "darwin")
    weird = tmp_path / "a & <b>.db"
    assert main(["--db", str(weird), "watch", "--install"]) == 0
    agent = tmp_path / "Library" / "LaunchAgents" / "org.teeter.watch.plist"
    assert capsys.readouterr().out.startswith(f"wrote: {agent}\n")
    loaded = plistlib.loads(agent.read_bytes())
    assert loaded["Label"] == "org.teeter.watch"
    assert loaded["ProgramArguments"] == [
        sys.executable, "-m", "app", "--db", str(weird.resolve()), "watch"
    ]  # fmt: skip
    assert loaded["RunAtLoad"] is True


def test_install_never_replaces_a_file_teeter_did_not_write(
    clock, db_path, tmp_path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    unit = tmp_path / "systemd" / "user" / "teeter-watch.service"
    unit.parent.mkdir(parents=True)
    unit.write_text("[Service]\nExecStart=/bin/true\n")
    assert main(["--db", str(db_path), "watch", "--install"]) == 2
    assert capsys.readouterr().err == (
        f"teeter watch: {unit} exists and was not written by teeter\n"
    )
    assert main(["--db", str(db_path), "watch", "--uninstall"]) == 2
    assert unit.read_text() == "[Service]\nExecStart=/bin/true\n"


def test_urge_ratings_survive_export_and_import_linked_to_their_timer(  # type: ignore[no-untyped-def]
    ran_out, clock, tmp_path, capsys
) -> None:
    clock.set("2026-03-10T13:00:00+01:00")
    assert teeter(ran_out, "urge", "coffee", "8") == 0
    assert teeter(ran_out, "urge", "coffee", "3") == 0
    exported = tmp_path / "out.json"
    assert teeter(ran_out, "export", "--output", str(exported)) == 0
    fresh = tmp_path / "fresh.db"
    assert teeter(fresh, "import", str(exported)) == 0
    assert "2 urge ratings" in capsys.readouterr().out
    query = (
        "SELECT timer.started_at, urge_rating.rated_at, urge_rating.urge, urge_rating.source "
        "FROM urge_rating LEFT JOIN timer ON timer.id = urge_rating.timer_id "
        "ORDER BY urge_rating.id"
    )
    assert rows(fresh, query) == rows(ran_out, query)
    assert teeter(fresh, "import", str(exported)) == 0
    assert "0 urge ratings" not in capsys.readouterr().out  # nothing added: not mentioned
    assert rows(fresh, "SELECT count(*) FROM urge_rating") == [(2,)]


def test_install_for_a_server_journal_never_writes_its_password(
    clock, pg_url, tmp_path, capsys, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from tests import pg_server

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    unit = tmp_path / "systemd" / "user" / "teeter-watch.service"
    assert main(["--db", pg_url, "watch", "--install"]) == 2
    assert "~/.pgpass" in capsys.readouterr().err and not unit.exists()
    without = pg_url.replace(f":{quote(pg_server.PASSWORD, safe='')}@", "@")
    assert main(["--db", without, "watch", "--install"]) == 0
    assert f'--db "postgresql://{pg_server.USER}@/' in unit.read_text()  # systemd-quoted
    assert pg_server.PASSWORD not in unit.read_text()
