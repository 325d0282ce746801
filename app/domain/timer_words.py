"""How a timer's end is worded everywhere (home, toasts, notifications, `teeter status`).

Neutral on purpose: "ready" or "the wait is over" read as permission to have it, which for
some pleasures is the last thing to suggest. The decision is `safety.guidance`'s; this module
only holds the words, with no imports, because `teeter status` runs on every prompt."""

from __future__ import annotations

TIMER_DONE = "timer done"


def timer_end_words(name: str) -> str:
    """ "coffee: timer done"."""
    return f"{name}: {TIMER_DONE}"
