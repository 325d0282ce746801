"""Typed but not saved: a screen that holds a form remembers what its fields held when it
opened (or was last saved), and asks before escape or ctrl+q throws away anything since.

The fields are read generically (inputs, ratings, choices, text areas), so a new form gets
the question without writing a comparison of its own."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from app.ui.widgets.choice import ChoiceInput
from app.ui.widgets.rating import RatingInput

LEAVE_QUESTION = "What you typed here is not saved yet. Leave it and go?"


def _values(screen: Screen[Any]) -> dict[str, object]:
    values: dict[str, object] = {}
    for index, widget in enumerate(screen.query("Input, RatingInput, ChoiceInput, TextArea")):
        key = widget.id or f"#{index}"
        values[key] = _value(widget)
    return values


def _value(widget: Widget) -> object:
    if isinstance(widget, Input):
        return widget.value.strip()
    if isinstance(widget, TextArea):
        return widget.text.strip()
    if isinstance(widget, RatingInput):
        return widget.value
    if isinstance(widget, ChoiceInput):
        return widget.index
    return None


class GuardsInput:
    """Mixed into a Screen: `mark_saved()` after mount and after each save;
    `has_unsaved_input()` says whether leaving now would lose typing."""

    _saved_values: dict[str, object] | None = None

    def form_values(self) -> dict[str, object]:
        """What the fields hold now: hand it to `mark_saved` once a save of it has landed
        (typing done while the save waited for the file is still unsaved then)."""
        return _values(self)  # type: ignore[arg-type]

    def mark_saved(self, values: dict[str, object] | None = None) -> None:
        self._saved_values = _values(self) if values is None else values  # type: ignore[arg-type]

    def has_unsaved_input(self) -> bool:
        if self._saved_values is None:
            return False
        return _values(self) != self._saved_values  # type: ignore[arg-type]

    def changed_since(self, stored: dict[str, object]) -> bool:
        """A save of `stored` (the `form_values()` taken when it was pressed) has landed:
        count that as kept, and say whether the fields were changed while it waited for the
        file. Then the screen stays, so that typing is never dropped by leaving."""
        self.mark_saved(stored)
        return self.has_unsaved_input()

    def leave_or_ask(self, leave: Callable[[], object], *, question: str = LEAVE_QUESTION) -> None:
        """Leave at once when nothing would be lost; otherwise ask, with "Stay" focused."""
        if not self.has_unsaved_input():
            leave()
            return
        from app.ui.screens.confirm_screen import ConfirmScreen

        def answered(go: bool | None) -> None:
            if go:
                leave()

        screen: Screen[Any] = self  # type: ignore[assignment]
        screen.app.push_screen(
            ConfirmScreen(question, title="Leave without saving?", confirm="Leave", cancel="Stay"),
            answered,
        )


def unsaved_screens(stack: list[Screen[Any]]) -> list[Screen[Any]]:
    return [s for s in stack if isinstance(s, GuardsInput) and s.has_unsaved_input()]


def quit_or_ask(app: App[Any]) -> None:
    """Quit at once, or, when some form holds unsaved typing, ask first (Stay focused)."""
    if not unsaved_screens(list(app.screen_stack)):
        app.exit()
        return
    from app.ui.screens.confirm_screen import ConfirmScreen

    if isinstance(app.screen, ConfirmScreen):
        return

    def answered(go: bool | None) -> None:
        if go:
            app.exit()

    question = "A form holds what you typed and it is not saved yet. Quit anyway?"
    app.push_screen(
        ConfirmScreen(question, title="Quit without saving?", confirm="Quit", cancel="Stay"),
        answered,
    )
