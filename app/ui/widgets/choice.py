"""Pick one of a few answers with the keyboard: digits choose (0 is the tenth, as 0 means 10
for ratings), arrows cycle. Unlike a RadioSet it leaves `enter` free, so enter always means
"save and go on". A long list wraps between answers, never inside one."""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class ChoiceInput(Widget, can_focus=True):
    DEFAULT_CSS = """
    ChoiceInput { height: auto; width: 1fr; padding: 0 1; margin-top: 1; }
    ChoiceInput:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("right,down", "cycle(1)", "Next choice", show=False),
        Binding("left,up", "cycle(-1)", "Previous choice", show=False),
    ]

    index: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, choice: ChoiceInput) -> None:
            super().__init__()
            self.choice = choice

        @property
        def control(self) -> ChoiceInput:
            return self.choice

    def __init__(self, label: str, choices: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.choices = list(choices)

    @property
    def value(self) -> int | None:
        return self.index

    def render(self) -> Content:
        width = self.content_size.width or 80
        parts: list[Content | str | tuple[str, str]] = [f"{self.label:<24}"]
        used = 24
        for number, choice in enumerate(self.choices):
            style = "reverse bold" if number == self.index else "$text-muted"
            item = f" {(number + 1) % 10} {choice} "
            if used + len(item) > width and used > 24:
                parts.append("\n" + " " * 24)
                used = 24
            parts += [(item, style), " "]
            used += len(item) + 1
        return Content.assemble(*parts)

    def on_key(self, event: Key) -> None:
        char = event.character or ""
        if char.isdigit():
            chosen = (int(char) - 1) % 10
            if chosen < len(self.choices):
                event.stop()
                event.prevent_default()
                self.index = chosen

    def action_cycle(self, step: int) -> None:
        start = self.index if self.index is not None else (-1 if step > 0 else 0)
        self.index = (start + step) % len(self.choices)

    def watch_index(self) -> None:
        self.post_message(self.Changed(self))
