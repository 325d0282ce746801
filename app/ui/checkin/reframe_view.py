"""How the Reframe step words things: the cards from the person's own history (read by
`storage.suggestions.reframe_cards`) and the urge-surfing texts. The sentences themselves
are computed in `app.domain.cards`."""

from __future__ import annotations

from textual.content import Content

from app.domain.wording import capitalised, counted, noun
from app.ui.safe_text import shown

SURF_MINUTES = (3, 5, 10)
SURF_HINT = (
    "Optional: ride the craving out. Pick a few minutes, press space, and watch it rise, "
    "crest and ebb without acting on it; teeter asks again at the end. Studies of urge "
    "surfing found it changed what people did with a craving more than how strong it felt."
)


def cards_content(lines: list[str]) -> Content:
    """Each card on its own line, as a sentence; names inside stay plain text."""
    sentences = [shown(capitalised(line) + ".") for line in lines]
    return Content("\n").join(sentences)


def surf_question(minutes: int, finished: bool) -> str:
    span = counted(minutes, "minute")
    opening = f"The {span} {noun(minutes, 'is', 'are')} up." if finished else f"You surfed {span}."
    return f"{opening} How strong is the craving now?"


def after_label(minutes: int | None) -> str:
    return f"Craving after {minutes} min" if minutes else "Craving after labelling"
