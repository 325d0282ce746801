"""The open journal: one value that screens, workers and commands are handed, holding what
every read and write needs — the database, where it lives, the clock and the hour the
practice day starts — so nothing reaches into the app for them.

It exists only once the database is open (`open_journal`); before that there is nothing
to read or write, and the app disables every action that would. Importing this module costs
nothing (the database's SQLAlchemy stack loads in `open_journal`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.clock import Clock, Zone, zone_of
from app.domain.days import DEFAULT_DAY_START_HOUR, day_bounds, local_day

if TYPE_CHECKING:
    import pendulum

    from app.storage.file.database import Database
    from app.storage.file.forget import Forgotten
    from app.storage.file.location import Location


class Journal:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        day_start_hour: int = DEFAULT_DAY_START_HOUR,
    ) -> None:
        self.db = db
        self.clock = clock
        self.day_start_hour = day_start_hour
        """Kept in step with the stored setting by whoever changes or rereads it."""

    @property
    def location(self) -> Location:
        return self.db.location

    def now(self) -> pendulum.DateTime:
        """Now, in the person's zone (the clock decides both)."""
        return self.clock()

    def zone(self) -> Zone:
        return zone_of(self.now())

    def today(self) -> dt.date:
        """The practice day it is now (it starts at `day_start_hour`, not midnight)."""
        now = self.now()
        return local_day(now, zone_of(now), self.day_start_hour)

    def bounds(self) -> tuple[pendulum.DateTime, pendulum.DateTime]:
        """Today's [start, end) as instants."""
        return day_bounds(self.today(), self.zone(), self.day_start_hour)

    def forget(self) -> Forgotten:
        """Delete everything recorded: close this journal's connections (the scrub needs
        the file to itself), scrub, then open the now empty journal in their place."""
        from app.storage.file.database import Database
        from app.storage.file.forget import forget_all

        location = self.location
        if location.is_server:  # every row deleted in one write; the server keeps its files
            from app.storage.file.forget import Forgotten
            from app.storage.server.forget import forget_rows

            rows = forget_rows(self.db)
            self.day_start_hour = DEFAULT_DAY_START_HOUR
            return Forgotten(rows=rows, backups=(), existed=True)
        self.db.close()
        try:
            return forget_all(location.path)
        finally:
            self.db = Database(location)
            self.day_start_hour = DEFAULT_DAY_START_HOUR

    def close(self) -> None:
        self.db.close()


def open_journal(location: Location, clock: Clock) -> Journal:
    """Open (create, check, upgrade) the journal at `location`; StorageError says why not."""
    from app.storage.file.database import Database
    from app.storage.tables import settings

    db = Database(location)
    try:
        return Journal(db, clock, settings.day_start_hour(db))
    except BaseException:
        db.close()
        raise
