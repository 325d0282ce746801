"""How many browser sessions may run, and which have gone quiet. Each session is a whole
teeter process on the one database file, so their number is capped; one left open on a
phone in a pocket is closed after a while. Plain Python with an injected monotonic clock,
so the rules are tested without waiting."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEFAULT_MAX_SESSIONS = 4
DEFAULT_IDLE_MINUTES = 30


@dataclass
class Session:
    """One browser tab's app process, as the registry sees it."""

    number: int
    last_input: float
    closing: bool = False
    handle: Any = field(default=None, repr=False)  # what the web layer needs to end it


class SessionRegistry:
    """Reserves a place before any process starts, so a full house starts nothing."""

    def __init__(
        self,
        limit: int = DEFAULT_MAX_SESSIONS,
        idle_seconds: float = DEFAULT_IDLE_MINUTES * 60,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.idle_seconds = idle_seconds
        self._monotonic = monotonic
        self._numbers = itertools.count(1)
        self._open: dict[int, Session] = {}

    def __len__(self) -> int:
        return len(self._open)

    @property
    def full(self) -> bool:
        return len(self._open) >= self.limit

    def reserve(self) -> Session | None:
        """A place for a new session, or None when all are taken. No await happens between
        the check and the reservation, so two tabs cannot both take the last place."""
        if self.full:
            return None
        session = Session(next(self._numbers), self._monotonic())
        self._open[session.number] = session
        return session

    def release(self, session: Session) -> None:
        self._open.pop(session.number, None)

    def touched(self, session: Session) -> None:
        """The person typed or tapped: the session is in use."""
        session.last_input = self._monotonic()

    def idle(self) -> list[Session]:
        """Sessions with no input for longer than the idle limit, not already closing."""
        now = self._monotonic()
        return [
            session
            for session in self._open.values()
            if not session.closing and now - session.last_input > self.idle_seconds
        ]

    def all(self) -> list[Session]:
        return list(self._open.values())
