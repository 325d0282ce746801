"""How long a change can be taken back, and the rule that decides it.

Two windows, for two situations:
- In the app, deleting an entry, ending or cancelling a timer and archiving a stimulus act at
  once and offer undo for `APP_UNDO_WINDOW`: long enough to read the toast and press one key,
  short enough that the offer never outlives the moment it belongs to.
- From the shell, `teeter undo` removes the entry the shell made last, within
  `SHELL_UNDO_WINDOW`. It acts blind (the person sees no list before it deletes), so it only
  reaches an entry made so recently that they surely remember making it; anything older is
  fixed in the app's log, where the entry is in front of them before it changes."""

from __future__ import annotations

import datetime as dt

APP_UNDO_WINDOW = dt.timedelta(seconds=20)
SHELL_UNDO_WINDOW = dt.timedelta(minutes=10)


def within(made_at: dt.datetime, now: dt.datetime, window: dt.timedelta) -> bool:
    """Whether a change made at `made_at` can still be undone at `now`. A clock set back
    by more than the window ends the offer too: an undo is never kept open by a clock jump."""
    age = now - made_at
    return -window <= age <= window
