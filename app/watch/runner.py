"""The watcher's loop. It sleeps in one-second naps; each nap it reads `PRAGMA data_version`
(microseconds) and the clock, and plans again only when the file changed, the next due
moment came, or the clock jumped (suspend, a changed clock): everything is recomputed from
stored times, nothing is counted. Sending is claimed in the database first, so a notice goes
out once across restarts and several watchers; a notice the service did not take is given
back and tried again half a minute later."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pendulum

from app.clock import Clock
from app.domain import notice_words, wording
from app.domain.records import StimulusKind
from app.domain.schedule import ReminderNotice, TimerNotice, plan
from app.domain.urges import UrgeSource, asks_about_now
from app.storage.file.database import Database
from app.storage.file.errors import StorageError
from app.storage.file.location import Location
from app.storage.tables import claims, urges, watch_reads
from app.watch.desktop import DesktopChannel

NAP = 1.0  # seconds between looks at the file and the clock
REPLAN = dt.timedelta(minutes=1)  # plan at least this often, whatever happens
RETRY = dt.timedelta(seconds=30)  # after a notice the service did not take
JUMP = dt.timedelta(seconds=5)  # a clock that moved more than this in one nap jumped

Log = Callable[[str], None]


class Watcher:
    def __init__(
        self,
        db_path: Location | Path | str,
        clock: Clock,
        log: Log,
        channel: DesktopChannel | None = None,
    ) -> None:
        self.channel = channel or DesktopChannel(log, self.answered)
        self.db = Database(db_path)
        self.clock = clock
        self.log = log
        # A file's own `PRAGMA data_version` on a connection kept for it; a server journal
        # is asked through its write counter (Database.data_version).
        self._probe = (
            None if self.db.on_server else sqlite3.connect(self.db.path, isolation_level=None)
        )

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
        self.db.close()

    async def run(self, stop: asyncio.Event) -> None:
        seen_version: int | None = None
        last_now: pendulum.DateTime | None = None
        wake_at: dt.datetime | None = None
        planned_at: dt.datetime | None = None
        while not stop.is_set():
            now = self.clock()
            version = self._data_version()
            jumped = last_now is not None and not (now >= last_now and now - last_now < JUMP)
            if (
                version != seen_version
                or jumped
                or planned_at is None
                or now >= planned_at + REPLAN
                or (wake_at is not None and now >= wake_at)
            ):
                try:
                    wake_at, wrote = await self.step(now)
                except StorageError as error:
                    self.log(f"the database could not be read: {error}")
                    wake_at, wrote = now + RETRY, False
                planned_at = now
                seen_version = self._data_version() if wrote else version
            last_now = now
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=NAP)

    async def step(self, now: pendulum.DateTime) -> tuple[dt.datetime | None, bool]:
        """Send what is due now; return the next due moment and whether we wrote."""
        state = watch_reads.read(self.db, now)
        found = plan(
            now,
            state.timers,
            state.claimed,
            state.reminder,
            state.checkin_complete,
            state.day_start_hour,
        )
        wake_at, wrote = found.wake_at, False
        for notice in found.due:
            if isinstance(notice, TimerNotice):
                sent = await self._timer_ended(notice, state.kinds, state.hide_names, now)
            else:
                sent = await self._remind(notice, now)
            wrote = wrote or sent is not None
            if sent is False:
                retry = now + RETRY
                wake_at = retry if wake_at is None else min(wake_at, retry)
        return wake_at, wrote

    async def _timer_ended(
        self,
        notice: TimerNotice,
        kinds: dict[int, StimulusKind],
        hide_names: bool,
        now: pendulum.DateTime,
    ) -> bool | None:
        """True: sent; False: claimed but not delivered (given back); None: someone else."""
        timer = urges.claim_question(self.db, notice.timer.id, now.in_timezone("UTC"))
        if timer is None:
            return None
        late = asks_about_now(timer.ends_at, now)
        words = notice_words.timer_done(
            timer.stimulus_name,
            kinds.get(timer.stimulus_id, StimulusKind.OTHER),
            hide_names=hide_names,
            ended_at=wording.when(timer.ends_at, now) if late else None,
            answer_here=await self.channel.answers_here(),
        )
        if await self.channel.send(words, timer_id=timer.id):
            self.log(f"sent: {words.title}")
            return True
        urges.release_question(self.db, timer.id)
        return False

    async def _remind(self, notice: ReminderNotice, now: pendulum.DateTime) -> bool | None:
        if not claims.claim(self.db, notice.key, now.in_timezone("UTC")):
            return None
        words = notice_words.checkin_reminder()
        if await self.channel.send(words):
            self.log(f"sent: {words.title}")
            return True
        claims.release(self.db, notice.key)
        return False

    def answered(self, timer_id: int, urge: int) -> None:
        """An answer from a notification's buttons or reply field."""
        try:
            answer = urges.answer(
                self.db, timer_id, urge, self.clock().in_timezone("UTC"), UrgeSource.NOTIFICATION
            )
        except StorageError as error:
            self.log(f"a craving answer could not be saved: {error}")
            return
        if answer is not None:
            kind = "the timer's end" if answer.at_end else "now, apart from the timer's end"
            self.log(f"craving {answer.urge}/10 saved ({kind})")

    def _data_version(self) -> int:
        if self._probe is None:
            try:
                return self.db.data_version()
            except StorageError:
                return -1
        try:
            return int(self._probe.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return -1
