"""When an urge answer belongs to a timer's end, and when it is a rating of its own.

A spacing timer ends in "how strong is the urge now?", and the answers, timer after timer,
draw the person's urge curve at the moment spacing ends. An answer given long after that
moment describes another moment, so it is kept as a separate urge rating with its own time
and never stands in for the end-of-timer answer.

The window is ten minutes. Long enough to notice a notification or a question waiting in
the terminal, finish a sentence and answer; short enough that the wave a craving rides
(urges tend to crest and ease within minutes, which is why urge-surfing countdowns last
3 to 10) has not already passed, which would make the answer about a different urge."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.records import Timer

URGE_WINDOW = dt.timedelta(minutes=10)
QUESTION_WINDOW = dt.timedelta(days=3)
"""How far back a timer that ran out while nobody was there is still asked about: the three
days the log shows. Older ones (a week away, an imported file of three hundred) are let go
unasked, rather than putting question after question before the person can do anything."""


def is_end_answer(ends_at: dt.datetime, answered_at: dt.datetime) -> bool:
    """True when an answer given at `answered_at` still describes the timer's end."""
    return answered_at - ends_at <= URGE_WINDOW


def asks_about_now(ends_at: dt.datetime, asked_at: dt.datetime) -> bool:
    """True when the question must say plainly that it is about now, not about the end."""
    return not is_end_answer(ends_at, asked_at)


def worth_asking(due: Iterable[Timer], now: dt.datetime) -> tuple[list[Timer], list[Timer]]:
    """Of the timers owed an urge question, (the ones to ask, the ones to let go unasked).
    One question per pleasure, about the timer that ended last, and only when it ended
    within `QUESTION_WINDOW`: answers about the same pleasure would describe one craving
    several times over. Both lists keep the order of their end."""
    latest: dict[int, Timer] = {}
    for timer in due:
        kept = latest.get(timer.stimulus_id)
        if kept is None or (timer.ends_at, timer.id) > (kept.ends_at, kept.id):
            latest[timer.stimulus_id] = timer
    ask: list[Timer] = []
    let_go: list[Timer] = []
    for timer in sorted(due, key=lambda t: (t.ends_at, t.id)):
        chosen = latest[timer.stimulus_id] is timer and now - timer.ends_at <= QUESTION_WINDOW
        (ask if chosen else let_go).append(timer)
    return ask, let_go


class UrgeSource(enum.StrEnum):
    APP = "app"
    SHELL = "shell"
    NOTIFICATION = "notification"


@dataclass(frozen=True)
class UrgeRating:
    """An urge rating given apart from a timer's end, at its own time."""

    stimulus_id: int
    timer_id: int | None
    rated_at: dt.datetime
    urge: int
    source: UrgeSource


@dataclass(frozen=True)
class UrgeAnswer:
    """What an answer became: the timer's end answer, or a rating of its own."""

    urge: int
    stimulus_name: str
    rated_at: dt.datetime
    timer: Timer | None  # the timer it answers, if any
    at_end: bool
