"""A line that tells the person why enter did nothing (or that something was saved). It
hides while empty and, when it speaks, scrolls itself into view: at 80×24 a message drawn
below the visible area is a message never read."""

from __future__ import annotations

from textual.widgets import Static

from app.ui.safe_text import shown


class MessageLine(Static):
    DEFAULT_CSS = """
    MessageLine { height: auto; padding: 0 1; color: $text-error; }
    MessageLine.-empty { display: none; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.message = ""
        self.add_class("-empty")

    def say(self, message: str) -> None:
        """Show `message` (a person's words inside stay text, never markup); "" hides."""
        self.message = message
        self.update(shown(message) if message else "")
        self.set_class(not message, "-empty")
        if message:
            self.call_after_refresh(self.scroll_visible, animate=False)
