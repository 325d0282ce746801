"""A key's action in its turn among the keys typed before it.

A terminal hands over keys typed fast, or pasted, in one read. The app gives each key to the
field that has the focus as it reads it, and each field works through its own keys a moment
later. A key bound with priority (tab, a step's enter) acts when the app reads it, so without
waiting it would act before the field has taken the keys typed ahead of it: "coffee<tab>8"
puts the 8 in the name, "first cup<enter>" saves the note as "first c"."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual.app import App

CATCH_UP_S = 0.5  # a field that is closing never answers: do not wait on it for longer


async def keys_landed(app: App[Any]) -> None:
    """Wait until the focused field has handled every key handed to it so far."""
    focused = app.focused
    if focused is None:
        return
    caught_up = asyncio.Event()
    if focused.call_later(caught_up.set):  # queued behind the keys it has not handled yet
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(caught_up.wait(), timeout=CATCH_UP_S)
