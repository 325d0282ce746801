"""What the Reframe step reads and how it words it: the cards from the person's own history
and the urge-surfing texts. The sentences themselves are computed in `app.domain.cards`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from app.clock import zone_of
from app.ui.safe_text import shown

if TYPE_CHECKING:
    from app.storage.journal import Journal

SURF_MINUTES = (3, 5, 10)
SURF_HINT = (
    "Optional: ride the craving out. Pick a few minutes, press space, and watch it rise, "
    "crest and ebb without acting on it; teeter asks again at the end. Studies of urge "
    "surfing found it changed what people did with a craving more than how strong it felt."
)
REFRAME_HISTORY = 50


def card_lines(journal: Journal, name: str) -> list[str]:
    """Up to two true sentences for this craving (about `name` when it is a known pleasure),
    or none when there is not enough history yet."""
    from app.domain.cards import cards, since
    from app.storage import exposures, reframes, stimuli, timers

    now = journal.now()
    known = stimuli.find(journal.db, name) if name.strip() else None
    history = reframes.latest(journal.db, REFRAME_HISTORY)
    if known is None:
        return cards(reframes=history, name=name.strip() or None)
    start = since(now)
    return cards(
        kind=known.kind,
        reframes=history,
        exposures=exposures.between(journal.db, start, now, known.id),
        timers=[t for t in timers.recent_endings(journal.db, start) if t.stimulus_id == known.id],
        name=known.name,
        tz=zone_of(now),
        day_start_hour=journal.day_start_hour,
    )


def cards_content(lines: list[str]) -> Content:
    """Each card on its own line, as a sentence; names inside stay plain text."""
    sentences = [shown(line[:1].upper() + line[1:] + ".") for line in lines]
    return Content("\n").join(sentences)


def surf_question(minutes: int, finished: bool) -> str:
    unit = "minute" if minutes == 1 else "minutes"
    verb = "is" if minutes == 1 else "are"
    opening = f"The {minutes} {unit} {verb} up." if finished else f"You surfed {minutes} {unit}."
    return f"{opening} How strong is the craving now?"


def after_label(minutes: int | None) -> str:
    return f"Craving after {minutes} min" if minutes else "Craving after labelling"
