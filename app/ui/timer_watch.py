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
from app.ui.background import in_background

if TYPE_CHECKING:
    import pendulum

    from app.storage.file.database import Database
    from app.storage.file.journal import Journal
    from app.ui.host import Host

SUPPORT_SHOWN_AT = "support_notice_shown_at"  # app.storage.tables.support.SHOWN_AT
HELP_TEXT = "help_text"
"""Setting: where help can be found, in the person's own words (default in domain.safety)."""

Prompt = tuple[ModalScreen[Any], Callable[[Any], None]]
Checked = tuple[list[Timer], list[int], list[Timer]]
"""Timers owed a question, the ones this check decided about, and those it claimed."""


def _claim_due(db: Database, now: pendulum.DateTime, queued: set[int]) -> Checked:
    """In a worker thread: which timers are owed a question, closing the ones not worth
    asking and claiming the others' questions (None back: another window asks). A busy
    file part-way keeps what was claimed so far; the next tick does the rest."""
    from app.domain.urges import worth_asking
    from app.storage.tables import timers, urges

    due = [t for t in timers.due_unasked(db, now) if t.id not in queued]
    ask, let_go = worth_asking(due, now)
    asked: list[int] = []
    ended: list[Timer] = []
    try:
        urges.let_go(db, [timer.id for timer in let_go], now)
        for timer in ask:
            claimed = urges.claim_question(db, timer.id, now)
            asked.append(timer.id)
            if claimed is not None:
                ended.append(claimed)
    except StorageError:
        pass  # busy in another teeter: the next tick tries again
    return due, asked, ended


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
        self._checking = False  # a check is waiting for the file: the next tick skips

    def start(self, then: Callable[[], None] | None = None) -> None:
        """Right after the database opens: ask about timers that ran out while teeter was
        closed (quietly: no toast or bell for something long past), then run `then` (the
        resume offer) once every question is answered or skipped, then watch each second."""
        if then is not None:
            self._after.append(then)

        def first_checked() -> None:  # the questions first, then the support notice
            self.check_support()
            self._show_next()

        self.check(announce=False, then=first_checked)
        self.app.set_interval(1.0, self.tick, name="timer-watch")

    def tick(self) -> None:
        self.check(announce=True)

    def check(self, *, announce: bool, then: Callable[[], None] | None = None) -> None:
        """Ask the database off the event loop (claiming a question writes, and the file
        may be busy for seconds); what is owed a question is asked on the loop after."""
        if self._checking:
            return
        db, now, queued = self.journal.db, self.journal.now(), set(self._queued)
        self._checking = True

        def done(found: Checked) -> None:
            self._checking = False
            self._asked(found, now, announce=announce)
            if then is not None:
                then()

        def failed(_: StorageError) -> None:
            self._checking = False  # the next tick tries again
            if then is not None:
                then()

        in_background(
            self.app, lambda: _claim_due(db, now, queued), done, failed, group="timer-watch"
        )

    def _asked(self, found: Checked, now: pendulum.DateTime, *, announce: bool) -> None:
        due, asked, ended = found
        self._queued.update(asked)
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
        db, now = self.journal.db, self.journal.now()

        def kept(_: object) -> None:
            self.app.data_changed()
            self.check_support()

        def failed(error: StorageError) -> None:
            self.app.notify(str(error), severity="error", markup=False)

        # answered now (the ten-minute window decides where the answer belongs); written
        # off the loop, since the file may be busy
        in_background(
            self.app,
            lambda: urges.answer(db, timer.id, urge, now, UrgeSource.APP),
            kept,
            failed,
            group="urge-answer",
        )

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
            db, today = self.journal.db, self.journal.today()
            in_background(
                self.app,
                lambda: support.mark_seen(db, today),
                lambda _: None,
                lambda _: None,
                group="support-seen",
            )

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
