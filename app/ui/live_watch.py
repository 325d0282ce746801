"""Keeping open screens true to the file, kept out of the App class.

Twice a second it asks SQLite whether anyone committed since the last look (`PRAGMA
data_version`, microseconds: it reads the WAL index, not the data) and which practice day it
is. When either changed — `teeter log` from a shell, another open window, the day-start hour
passing, or the clock jumping in either direction — every screen gets `DataChanged` and
reloads in place (keeping what is typed, focused and scrolled). Nothing else is read while
nothing changes."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.storage.file.errors import StorageError

if TYPE_CHECKING:
    from app.storage.file.journal import Journal
    from app.ui.host import Host

POLL_SECONDS = 0.5
"""Half a second: another process's entry shows within about a second, polling included."""


class LiveWatch:
    def __init__(self, app: Host, journal: Journal) -> None:
        self.app = app
        self.journal = journal
        self._version: int | None = None
        self._day: dt.date | None = None

    def start(self) -> None:
        self.check(announce=False)
        self.app.set_interval(POLL_SECONDS, self.check, name="live-watch")

    def check(self, *, announce: bool = True) -> bool:
        """Reload every screen when the file or the day changed; True when it did."""
        journal = self.journal
        db = journal.db
        try:
            version = db.data_version()
            if version != self._version and self._version is not None:
                from app.storage.tables import settings

                journal.day_start_hour = settings.day_start_hour(db)  # another window may set it
        except StorageError:
            return False  # busy or gone for a moment: the next poll tries again
        day = journal.today()
        changed = (version, day) != (self._version, self._day)
        self._version, self._day = version, day
        if changed and announce:
            self.app.data_changed()
        return changed and announce
