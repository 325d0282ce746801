"""Issue 19, item 4: the journal's folder deleted (or the file replaced) under a running
teeter. SQLite would go on writing to the unlinked file and everything would vanish at exit
with status 0; now nothing is acknowledged that is not on disk, and teeter stops with one
line."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pendulum
import pytest

from app.domain.records import ExposureSource
from app.storage.file.database import Database, JournalGone
from app.storage.tables import exposures
from tests.conftest import wait_ready

NOW = pendulum.datetime(2026, 11, 24, 9, 30, tz="UTC")


def log(db: Database, note: str) -> None:
    exposures.log(
        db,
        stimulus="tea",
        occurred_at=NOW,
        enjoyment=5,
        craving=5,
        note=note,
        source=ExposureSource.TRACK,
        now=NOW,
    )


def test_4_a_write_after_the_folder_was_deleted_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    db = Database(folder / "teeter.db")
    try:
        log(db, "before")
        shutil.rmtree(folder)
        with pytest.raises(JournalGone) as raised:
            log(db, "after")
        assert "deleted" in str(raised.value) and "nothing was saved" in str(raised.value)
    finally:
        db.close()


def test_4_a_write_after_the_file_was_replaced_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "teeter.db"
    db = Database(path)
    try:
        log(db, "before")
        path.rename(tmp_path / "moved.db")
        Database(path).close()  # a new journal now has the name
        with pytest.raises(JournalGone, match="replaced"):
            log(db, "after")
    finally:
        db.close()


def test_4_a_write_that_lands_in_a_deleted_file_is_not_acknowledged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder goes while the write is under way: the commit reached only the unlinked
    file, so the caller hears it is lost instead of 'saved'."""
    folder = tmp_path / "data"
    db = Database(folder / "teeter.db")
    real = db.gone
    calls = iter([None])  # the check before the write passes; the folder goes meanwhile

    def gone_during_write() -> str | None:
        try:
            return next(calls)
        except StopIteration:
            shutil.rmtree(folder, ignore_errors=True)
            return real()

    monkeypatch.setattr(db, "gone", gone_during_write)
    try:
        with pytest.raises(JournalGone, match="lost"):
            log(db, "during")
    finally:
        db.close()


async def test_4_the_app_stops_with_one_line_when_its_folder_is_deleted(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    app = make_app(path=folder / "teeter.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        shutil.rmtree(folder)
        for _ in range(300):
            if app.failure is not None:
                break
            await asyncio.sleep(0.01)
            await pilot.pause()
    assert app.failure is not None and "deleted" in app.failure and "\n" not in app.failure
    assert app.return_code == 1
    assert not folder.exists(), "nothing was recreated at the old path"
