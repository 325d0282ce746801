"""Watching spacing timers while teeter is open, kept out of the App class.

Every second it asks the database which timers are owed an urge question: open ones whose
stored end has passed (closed as ran out, stamped with their own end) and ones closed as
ran out elsewhere (the shell, or while teeter was closed) but never asked. Nothing is counted
in memory, so a suspended laptop or a clock that jumps cannot end a timer twice or skew it.
The question is claimed in the database before it is shown: of several open windows and
`teeter watch`, exactly one asks. A timer that ran out more than the urge window ago is
asked about plainly as "now", and that answer is kept apart from the end-of-timer answer.

Questions and notices wait in one queue and are shown one at a time, never stacked."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen

from app.domain import wording
from app.domain.records import Timer
from app.domain.text import one_line
from app.domain.timer_words import TIMER_DONE
from app.storage.file.errors import StorageError

if TYPE_CHECKING:
    from app.storage.file.journal import Journal
    from app.ui.host import Host

SUPPORT_SHOWN_AT = "support_notice_shown_at"  # app.storage.tables.support.SHOWN_AT
HELP_TEXT = "help_text"
"""Setting: where help can be found, in the person's own words (default in domain.safety)."""

Prompt = tuple[ModalScreen[Any], Callable[[Any], None]]


class TimerWatch:
    def __init__(self, app: Host, journal: Journal) -> None:
        self.app = app
        self.journal = journal
        self._prompts: deque[Prompt] = deque()
        self._showing = False
        self._queued: set[int] = set()
        self._after: list[Callable[[], None]] = []
        self._support_queued = False
        self._unanswered: set[int] = set()  # claimed here, not yet answered or skipped

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
        db = self.journal.db
        from app.domain.urges import worth_asking
        from app.storage.tables import timers, urges

        now = self.journal.now()
        try:
            due = [t for t in timers.due_unasked(db, now) if t.id not in self._queued]
            ask, let_go = worth_asking(due, now)
            urges.let_go(db, [timer.id for timer in let_go], now)
            ended: list[Timer] = []
            for timer in ask:
                self._queued.add(timer.id)
                claimed = urges.claim_question(db, timer.id, now)
                if claimed is not None:  # None: another window or a notification asks
                    ended.append(claimed)
        except StorageError:
            return  # busy in another teeter: the next tick tries again
        if not ended:
            if due:
                self.app.data_changed()  # closed elsewhere: screens show it ended
            return
        for timer in ended:
            if announce:
                end = wording.when(timer.ends_at, now)
                self.app.notify(
                    f"{TIMER_DONE} at {end}.",
                    title=one_line(timer.stimulus_name),
                    markup=False,
                )
            self._ask(timer, while_closed=not announce)
        if announce:
            self.app.bell()
            self._terminal_notification(ended[-1])
        self.app.data_changed()
        self._show_next()

    def _terminal_notification(self, timer: Timer) -> None:
        """Besides the bell, a notification the terminal itself shows, where it can and the
        setting allows; the words and the hidden-names setting are the watcher's."""
        import os

        from app.domain.notice_words import timer_done
        from app.domain.records import StimulusKind
        from app.storage.tables import notify_settings
        from app.ui.terminal_notify import sequence

        db = self.journal.db
        try:
            if not notify_settings.terminal_notifications(db):
                return
            hide = notify_settings.hide_names(db)
        except StorageError:
            return
        words = timer_done(timer.stimulus_name, StimulusKind.OTHER, hide_names=hide)
        text = sequence(os.environ, words.title, words.body.splitlines()[0])
        if text is not None:
            self.write_terminal(text)

    def write_terminal(self, text: str) -> None:
        """Straight to the terminal, the way Textual's own bell is written."""
        if not self.app.is_headless and self.app._driver is not None:
            self.app._driver.write(text)

    def release_unanswered(self) -> None:
        """When teeter quits with questions it claimed still open (shown or waiting), give
        them back: the next launch, another window or `teeter watch` asks them instead."""
        from app.storage.tables import urges

        db, pending, self._unanswered = self.journal.db, self._unanswered, set()
        for timer_id in pending:
            with contextlib.suppress(StorageError):
                urges.release_question(db, timer_id)

    def _ask(self, timer: Timer, *, while_closed: bool) -> None:
        from app.ui.screens.urge_screen import UrgeScreen

        self._unanswered.add(timer.id)
        screen = UrgeScreen(timer, self.journal.now(), while_closed=while_closed)
        self._prompts.append((screen, lambda urge: self._answered(timer, urge)))

    def _answered(self, timer: Timer, urge: int | None) -> None:
        from app.domain.urges import UrgeSource
        from app.storage.tables import urges

        self._unanswered.discard(timer.id)
        try:  # answered now: the ten-minute window decides where the answer belongs
            urges.answer(self.journal.db, timer.id, urge, self.journal.now(), UrgeSource.APP)
        except StorageError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.data_changed()
        self.check_support()

    def check_support(self) -> None:
        """After every hard moment (a reframe, a timer ended early, an urge answered) and at
        launch: when the last week's records meet the rule in `domain.safety.needs_support`,
        queue the support notice, at most once in thirty days. It counts as shown only once
        the person has closed it: queued behind a question and lost to a quit, it comes
        back at the next launch."""
        from app.storage.tables import support

        db = self.journal.db
        if self._support_queued:
            return
        try:
            help_text = support.due_text(db, self.journal.now(), self.journal.today())
        except StorageError:
            return
        if help_text is None:
            return
        from app.ui.screens.safety_screen import SupportScreen

        def seen(_: object) -> None:
            self._support_queued = False
            # not recorded on a storage error: it may show again, which is the safer mistake
            with contextlib.suppress(StorageError):
                support.mark_seen(self.journal.db, self.journal.today())

        self._support_queued = True
        self._prompts.append((SupportScreen(help_text), seen))
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
