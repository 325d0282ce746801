"""Watching spacing timers while teeter is open, kept out of the App class.

Every second it asks the database which timers are owed an urge question: open ones whose
stored end has passed (closed here as ran out, stamped with their own end) and ones closed as
ran out elsewhere (the shell, or while teeter was closed) but never asked. Nothing is counted
in memory, so a suspended laptop or a clock that jumps cannot end a timer twice or skew it.

Questions and notices wait in one queue and are shown one at a time, never stacked."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen

from app.domain.records import Timer, TimerEnd
from app.domain.text import one_line
from app.domain.timer_words import TIMER_DONE
from app.storage.errors import StorageError

if TYPE_CHECKING:
    from app.ui.app import TeeterApp

SUPPORT_SHOWN_AT = "support_notice_shown_at"
"""Setting: the local date the support notice was last shown (ISO), so it shows once."""
HELP_TEXT = "help_text"
"""Setting: where help can be found, in the person's own words (default in domain.safety)."""

Prompt = tuple[ModalScreen[Any], Callable[[Any], None]]


class TimerWatch:
    def __init__(self, app: TeeterApp) -> None:
        self.app = app
        self._prompts: deque[Prompt] = deque()
        self._showing = False
        self._queued: set[int] = set()
        self._after: list[Callable[[], None]] = []

    def start(self, then: Callable[[], None] | None = None) -> None:
        """Right after the database opens: ask about timers that ran out while teeter was
        closed (quietly: no toast or bell for something long past), then run `then` (the
        resume offer) once every question is answered or skipped, then watch each second."""
        if then is not None:
            self._after.append(then)
        self.check(announce=False)
        self.check_support()
        self.app.set_interval(1.0, self.tick, name="timer-watch")
        self._show_next()

    def tick(self) -> None:
        self.check(announce=True)

    def check(self, *, announce: bool) -> None:
        db = self.app.db
        if db is None:
            return
        from app.storage import timers

        now = self.app.now()
        try:
            due = [t for t in timers.due_unasked(db, now) if t.id not in self._queued]
            ended: list[Timer] = []
            for timer in due:
                closed = (
                    timers.finish(db, timer.id, TimerEnd.RAN_OUT, now) if timer.active else timer
                )
                if closed is not None:  # None: ended elsewhere a moment ago; next tick sees how
                    ended.append(closed)
        except StorageError:
            return  # busy in another teeter: the next tick tries again
        if not ended:
            return
        for timer in ended:
            self._queued.add(timer.id)
            if announce:
                end = timer.ends_at.astimezone(now.tzinfo).strftime("%H:%M")
                self.app.notify(
                    f"{TIMER_DONE} at {end}.",
                    title=one_line(timer.stimulus_name),
                    markup=False,
                )
            self._ask(timer, while_closed=not announce)
        if announce:
            self.app.bell()
        self.app.data_changed()
        self._show_next()

    def _ask(self, timer: Timer, *, while_closed: bool) -> None:
        from app.ui.screens.urge_screen import UrgeScreen

        screen = UrgeScreen(timer, self.app.now(), while_closed=while_closed)
        self._prompts.append((screen, lambda urge: self._answered(timer, urge)))

    def _answered(self, timer: Timer, urge: int | None) -> None:
        from app.domain.safety import UNBEARABLE_FROM
        from app.storage import timers

        if self.app.db is None:
            return
        try:
            timers.record_urge(self.app.db, timer.id, urge)
        except StorageError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.data_changed()
        if urge is not None and urge >= UNBEARABLE_FROM:
            self.check_support()

    def check_support(self) -> None:
        """After a hard moment (a timer ended early, an urge of 9-10) and at launch: when
        the last week's records meet the rule in `domain.safety.needs_support`, queue the
        support notice, at most once in thirty days."""
        from app.domain.safety import (
            DEFAULT_HELP_TEXT,
            SUPPORT_WINDOW,
            needs_support,
            support_notice_due,
        )
        from app.storage import reframes, settings, timers

        db = self.app.db
        if db is None:
            return
        now, today = self.app.now(), self.app.today()
        try:
            if not support_notice_due(_date(settings.get(db, SUPPORT_SHOWN_AT)), today):
                return
            since = now - SUPPORT_WINDOW
            recent = timers.recent_endings(db, since)
            thoughts = reframes.between(db, since, now + dt.timedelta(minutes=1))
            if not needs_support(recent, thoughts, now):
                return
            settings.put(db, SUPPORT_SHOWN_AT, today.isoformat())
            help_text = (settings.get(db, HELP_TEXT) or "").strip() or DEFAULT_HELP_TEXT
        except StorageError:
            return
        from app.ui.screens.safety_screen import SupportScreen

        self._prompts.append((SupportScreen(help_text), lambda _: None))
        self._show_next()

    def _show_next(self) -> None:
        """One prompt at a time; when none is left, what was waiting for them runs."""
        if self._showing:
            return
        if not self._prompts:
            after, self._after = self._after, []
            for callback in after:
                callback()
            return
        screen, on_result = self._prompts.popleft()
        self._showing = True

        def done(result: Any) -> None:
            self._showing = False
            on_result(result)
            self._show_next()

        # pushed from the App's own context, so the answer arrives even if the screen that
        # triggered the check has gone by then
        self.app.call_later(self.app.push_screen, screen, done)


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
