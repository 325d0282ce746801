"""Desktop notifications through the platform's own service, via desktop-notifier: the
freedesktop notification service over D-Bus on Linux, the notification centre on macOS.

Where the service takes answers, the urge question is answered in the notification: a
reply field where it has one (KDE, macOS), else buttons 1-10 (actions); otherwise the
notification says how to answer from the shell. When no service can be reached, the log
gets one line (once per outage) and the watcher keeps running."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from app.domain.notice_words import Words
from app.domain.ratings import RatingError, parse_rating

Log = Callable[[str], None]
Answer = Callable[[int, int], None]  # (timer id, urge)

APP_NAME = "teeter"


class NotifierMissing(Exception):
    """desktop-notifier is not installed (the `notify` extra)."""


class DesktopChannel:
    def __init__(self, log: Log, on_answer: Answer) -> None:
        try:
            from desktop_notifier import DesktopNotifier
        except ImportError:
            raise NotifierMissing(
                "desktop notifications need the notify extra: "
                "pip install 'teeter[notify]' (or pipx inject teeter desktop-notifier)"
            ) from None
        # its own warnings carry tracebacks; the watcher says what happened in one line
        logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)
        self._notifier = DesktopNotifier(app_name=APP_NAME)
        self._log = log
        self._on_answer = on_answer
        self._down: str | None = None  # why the service is unreachable, said once

    async def answers_here(self) -> bool:
        """Whether a notification can carry the urge answer (buttons or a reply field);
        False when no service answers (sending then says so)."""
        from desktop_notifier import Capability

        try:
            capabilities = await self._notifier.get_capabilities()
        except Exception:  # noqa: BLE001 - not reachable: the send that follows says so
            return False
        return bool({Capability.BUTTONS, Capability.REPLY_FIELD} & capabilities)

    async def send(self, words: Words, *, timer_id: int | None = None) -> bool:
        """Send one notification; True when the service took it. With `timer_id`, the urge
        question can be answered in it, where the service allows. A failure is said once
        per outage, never as a traceback, and the next call connects afresh."""
        try:
            sent = await self._send(words, timer_id)
            reason = "the service did not accept it"
        except Exception as error:  # noqa: BLE001 - whatever it is, the service is not there
            sent, reason = False, _reason(error)
        if not sent:
            if self._down is None:
                self._log(f"no desktop notification service reachable ({reason})")
            self._down = reason
            self._notifier = type(self._notifier)(app_name=APP_NAME)
            return False
        if self._down is not None:
            self._log("the desktop notification service is reachable again")
            self._down = None
        return True

    async def _send(self, words: Words, timer_id: int | None) -> bool:
        from desktop_notifier import Button, Capability, Notification, ReplyField

        capabilities = await self._notifier.get_capabilities()
        buttons: tuple[Any, ...] = ()
        reply = None
        if timer_id is not None:
            if Capability.REPLY_FIELD in capabilities:
                reply = ReplyField(
                    title="Craving 1-10",
                    button_title="Save",
                    on_replied=lambda text: self._replied(timer_id, text),
                )
            elif Capability.BUTTONS in capabilities:
                buttons = tuple(
                    Button(
                        title=str(n),
                        identifier=f"urge-{n}",
                        on_pressed=functools.partial(self._on_answer, timer_id, n),
                    )
                    for n in range(1, 11)
                )
        notification = Notification(
            title=words.title, message=words.body, buttons=buttons, reply_field=reply
        )
        sent = await self._notifier.send_notification(notification)
        return sent in await self._notifier.get_current_notifications()

    def _replied(self, timer_id: int, text: str) -> None:
        try:
            urge = parse_rating(text, "the craving")
        except RatingError as error:
            self._log(f"a reply was not saved: {error}")
            return
        self._on_answer(timer_id, urge)


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:160]
