"""Fixing entries in storage: edit, delete, put back; reopening a timer ended by mistake."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.entries import EntryError
from app.domain.ratings import RatingError
from app.domain.records import ExposureSource, Outcome, TimerEnd
from app.domain.undo import APP_UNDO_WINDOW, within
from app.storage.file.database import Database
from app.storage.tables import corrections, exposures, reframes, stimuli, timers
from app.storage.tables.corrections import EntryGone
from tests.conftest import FROZEN as NOW


def log(db: Database, name: str = "coffee", **kw: object):  # type: ignore[no-untyped-def]
    return exposures.log(
        db,
        stimulus=name,
        occurred_at=kw.get("when", NOW.subtract(hours=1)),  # type: ignore[arg-type]
        enjoyment=kw.get("enjoyment", 7),  # type: ignore[arg-type]
        craving=kw.get("craving", 4),  # type: ignore[arg-type]
        note=kw.get("note", "first"),  # type: ignore[arg-type]
        source=ExposureSource.SHELL,
        now=NOW,
    )


def everything(db: Database) -> list[tuple[object, ...]]:
    with db.read() as session:
        return list(
            session.connection().exec_driver_sql("SELECT * FROM exposure ORDER BY id").all()
        )


def test_edit_changes_every_field(db: Database) -> None:
    entry = log(db)
    edited = corrections.edit_exposure(
        db,
        entry.id,
        stimulus="Green tea",
        occurred_at=NOW.subtract(hours=3),
        enjoyment=2,
        craving=9,
        note="line one\nline two",
        now=NOW,
    )
    assert edited.id == entry.id and edited.stimulus_name == "Green tea"
    again = exposures.get(db, entry.id)
    assert again is not None
    assert (again.stimulus_name, again.enjoyment, again.craving) == ("Green tea", 2, 9)
    assert again.occurred_at == NOW.subtract(hours=3) and again.note == "line one\nline two"
    assert again.source is ExposureSource.SHELL  # where it came from stays true


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"enjoyment": 11}, RatingError),
        ({"craving": 0}, RatingError),
        ({"stimulus": "   "}, ValueError),
        ({"note": "x" * 2001}, ValueError),
        ({"occurred_at": NOW.add(hours=1)}, EntryError),
        ({"occurred_at": NOW.subtract(years=40)}, EntryError),
    ],
)
def test_a_bad_edit_is_refused_and_changes_nothing(db: Database, change, error) -> None:  # type: ignore[no-untyped-def]
    entry = log(db)
    before = everything(db)
    fields = {
        "stimulus": "coffee",
        "occurred_at": NOW,
        "enjoyment": 5,
        "craving": 5,
        "note": "",
        **change,
    }
    with pytest.raises(error):
        corrections.edit_exposure(db, entry.id, now=NOW, **fields)  # type: ignore[arg-type]
    assert everything(db) == before
    assert [e.stimulus.name for e in stimuli.list_all(db)] == ["coffee"]


def test_editing_a_deleted_entry_says_so(db: Database) -> None:
    entry = log(db)
    corrections.delete_exposure(db, entry.id)
    with pytest.raises(EntryGone):
        corrections.edit_exposure(
            db,
            entry.id,
            stimulus="coffee",
            occurred_at=NOW,
            enjoyment=5,
            craving=5,
            note="",
            now=NOW,
        )
    with pytest.raises(EntryGone):
        corrections.delete_exposure(db, entry.id)


def test_delete_then_restore_puts_back_the_same_row(db: Database) -> None:
    log(db, "tea")
    entry = log(db, note="[bold]x")
    before = everything(db)
    kept = corrections.delete_exposure(db, entry.id)
    assert kept.record == entry
    assert len(everything(db)) == 1
    back = corrections.restore_exposure(db, kept)
    assert back == entry
    assert everything(db) == before  # every column, created_at and source included


def test_restore_takes_a_new_id_when_its_own_was_reused(db: Database) -> None:
    if db.on_server:
        pytest.skip("a server never reuses an id: its sequence only counts up")
    entry = log(db)
    kept = corrections.delete_exposure(db, entry.id)
    newer = log(db, "tea")
    assert newer.id == entry.id  # SQLite reuses the highest id
    back = corrections.restore_exposure(db, kept)
    assert back.id != entry.id and back.stimulus_name == "coffee" and back.note == "first"
    assert {e.stimulus_name for e in exposures.between(db, NOW.subtract(days=1), NOW)} == {
        "coffee",
        "tea",
    }


def test_restore_after_its_stimulus_was_deleted_is_refused(db: Database) -> None:
    entry = log(db)
    kept = corrections.delete_exposure(db, entry.id)
    stimuli.delete(db, entry.stimulus_id)
    with pytest.raises(EntryGone, match="stimulus was deleted"):
        corrections.restore_exposure(db, kept)
    assert everything(db) == []


def test_reframe_edit_delete_restore(db: Database) -> None:
    entry = reframes.add(
        db,
        occurred_at=NOW.subtract(minutes=30),
        stimulus="coffee",
        label="just wanting",
        craving_before=8,
        craving_after=5,
        outcome=Outcome.WAITED,
        surf_minutes=5,
    )
    edited = corrections.edit_reframe(
        db,
        entry.id,
        stimulus=None,
        occurred_at=NOW.subtract(minutes=40),
        label="  the other side of the pleasure ",
        craving_before=7,
        craving_after=None,
        outcome=Outcome.HAD_IT,
        now=NOW,
    )
    assert edited.stimulus_id is None and edited.label == "the other side of the pleasure"
    assert (edited.craving_before, edited.craving_after) == (7, None)
    assert edited.outcome is Outcome.HAD_IT and edited.surf_minutes == 5
    with pytest.raises(EntryError):
        corrections.edit_reframe(
            db,
            entry.id,
            stimulus=None,
            occurred_at=NOW,
            label=" ",
            craving_before=7,
            craving_after=None,
            outcome=None,
            now=NOW,
        )
    kept = corrections.delete_reframe(db, entry.id)
    assert reframes.latest(db) == []
    assert corrections.restore_reframe(db, kept) == edited


def test_reopen_undoes_ending_early_and_cancelling(db: Database) -> None:
    timer = timers.start(db, "coffee", dt.timedelta(hours=2), NOW)
    timers.finish(db, timer.id, TimerEnd.ENDED_EARLY, NOW.add(minutes=5))
    reopened = timers.reopen(db, timer.id)
    assert reopened is not None and reopened.active and reopened.ends_at == timer.ends_at
    timers.finish(db, timer.id, TimerEnd.CANCELLED, NOW.add(minutes=6))
    assert timers.reopen(db, timer.id) is not None
    assert timers.reopen(db, timer.id) is None  # open already
    timers.finish(db, timer.id, TimerEnd.CANCELLED, NOW.add(minutes=7))
    timers.start(db, "coffee", dt.timedelta(hours=1), NOW.add(minutes=8))
    assert timers.reopen(db, timer.id) is None  # a newer timer runs for coffee now
    ran_out = timers.start(db, "tea", dt.timedelta(minutes=1), NOW)
    timers.finish(db, ran_out.id, TimerEnd.RAN_OUT, NOW.add(minutes=2))
    assert timers.reopen(db, ran_out.id) is None


def test_undo_window_is_bounded_both_ways() -> None:
    assert within(NOW, NOW.add(seconds=20), APP_UNDO_WINDOW)
    assert not within(NOW, NOW.add(seconds=21), APP_UNDO_WINDOW)
    assert not within(NOW, NOW.subtract(hours=1), APP_UNDO_WINDOW)  # clock set back
