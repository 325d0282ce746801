"""A 1-10 rating: digits 1-9 set it, 0 means 10, arrows nudge it once it has a value. An
arrow on an empty rating only says to type a digit: arrows are how people move around, and
a value that appears without being typed is a value nobody chose. Enjoyment and craving
always use two of these side by side, never one combined score."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.events import Click, Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from app.domain.ratings import RATING_MAX, clamp_rating, rating_for_key


class RatingInput(Widget, can_focus=True):
    DEFAULT_CSS = """
    RatingInput {
        height: 1;
        width: 1fr;
        padding: 0 1;
    }
    RatingInput:focus {
        background: $boost;
        text-style: bold;
        outline-left: outer $accent;
    }
    """

    BINDINGS = [
        Binding("right,up", "nudge(1)", "+1", show=False),
        Binding("left,down", "nudge(-1)", "-1", show=False),
    ]

    LABEL_WIDTH = 24  # labels are padded to this, so the bar lines up across ratings

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, rating: RatingInput, value: int | None) -> None:
            super().__init__()
            self.rating = rating
            self.value = value

        @property
        def control(self) -> RatingInput:
            return self.rating

    def __init__(
        self,
        label: str,
        value: int | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.label = label
        self._asked_for_digit = False
        self.set_reactive(RatingInput.value, value)

    def render(self) -> Content:
        value = self.value
        filled = value or 0
        bar = Content.assemble(
            ("■" * filled, "$accent"),
            ("·" * (RATING_MAX - filled), "$text-muted"),
        )
        number = f"{value:>2}" if value is not None else " –"
        hint: tuple[str, str] = ("", "")
        if self.has_focus and value is None:
            hint = (
                ("  type a digit first: 1-9, 0 = 10", "bold $text-warning")
                if self._asked_for_digit
                else ("  (1-9, 0 = 10)", "$text-muted")
            )
        return Content.assemble(f"{self.label:<{self.LABEL_WIDTH}}", bar, f" {number}", hint)

    def on_key(self, event: Key) -> None:
        rating = rating_for_key(event.character or "")
        if rating is not None:
            event.stop()
            event.prevent_default()
            self.value = rating

    def on_click(self, event: Click) -> None:
        """A tap or click on the bar sets the rating it points at (phones have no arrows)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        cell = offset.x - max(self.LABEL_WIDTH, len(self.label))
        if 0 <= cell < RATING_MAX:
            self.value = cell + 1

    def action_nudge(self, step: int) -> None:
        if self.value is None:
            self._asked_for_digit = True
            self.refresh()
            return
        self.value = clamp_rating(self.value + step)

    def watch_value(self, value: int | None) -> None:
        self.post_message(self.Changed(self, value))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self._asked_for_digit = False
        self.refresh()
