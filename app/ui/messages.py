"""Messages the App sends its screens."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """The database is open, or something was saved: screens showing data reload."""
