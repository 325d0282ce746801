"""A short countdown for urge surfing: pick a length, start it, watch it run down. The time
left is always the remembered end instant minus the clock's now, never counted ticks, so a
suspended laptop or an injected test clock moves it correctly; ticks only redraw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from textual.binding import Binding
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from app.domain.durations import format_clock

TICK_SECONDS = 0.5


class Countdown(Widget, can_focus=True):
    DEFAULT_CSS = """
    Countdown { height: auto; width: 1fr; padding: 0 1; margin-top: 1; }
    Countdown:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("space", "start_or_stop", "Start/stop", id="countdown-toggle"),
        Binding("right,down", "cycle(1)", "Longer", show=False),
        Binding("left,up", "cycle(-1)", "Shorter", show=False),
    ]

    index: reactive[int] = reactive(0)
    ends_at: reactive[dt.datetime | None] = reactive(None)

    class Finished(Message):
        """The countdown reached its end; `minutes` is its full length."""

        def __init__(self, countdown: Countdown, minutes: int) -> None:
            super().__init__()
            self.countdown = countdown
            self.minutes = minutes

    class Stopped(Message):
        """Stopped before its end, after `elapsed`."""

        def __init__(self, countdown: Countdown, elapsed: dt.timedelta) -> None:
            super().__init__()
            self.countdown = countdown
            self.elapsed = elapsed

    def __init__(
        self,
        label: str,
        minutes: Sequence[int],
        now: Callable[[], dt.datetime],
        *,
        default: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.choices = list(minutes)
        self.now = now
        self.started_at: dt.datetime | None = None
        self.done_minutes: int | None = None  # the length of the last one that ran to its end
        self.set_reactive(Countdown.index, default)

    @property
    def minutes(self) -> int:
        return self.choices[self.index]

    @property
    def running(self) -> bool:
        return self.ends_at is not None

    def on_mount(self) -> None:
        self._ticker = self.set_interval(TICK_SECONDS, self.tick, pause=True)

    def remaining(self) -> dt.timedelta:
        if self.ends_at is None:
            return dt.timedelta(0)
        return max(dt.timedelta(0), self.ends_at - self.now())

    def tick(self) -> None:
        if self.ends_at is None:
            return
        if self.now() >= self.ends_at:
            self.ends_at = None
            self.done_minutes = self.minutes
            self._ticker.pause()
            self.post_message(self.Finished(self, self.minutes))
        self.refresh()

    def action_start_or_stop(self) -> None:
        if self.ends_at is None:
            self.started_at = self.now()
            self.done_minutes = None
            self.ends_at = self.started_at + dt.timedelta(minutes=self.minutes)
            self._ticker.resume()
        else:
            elapsed = self.now() - (self.started_at or self.now())
            self.ends_at = None
            self._ticker.pause()
            self.post_message(self.Stopped(self, elapsed))

    def action_cycle(self, step: int) -> None:
        if not self.running:
            self.index = (self.index + step) % len(self.choices)

    def on_key(self, event: Key) -> None:
        char = event.character or ""
        if not self.running and char.isdigit() and 1 <= int(char) <= len(self.choices):
            event.stop()
            event.prevent_default()
            self.index = int(char) - 1

    def render(self) -> Content:
        head = f"{self.label:<24}"
        if self.ends_at is not None:
            total = dt.timedelta(minutes=self.minutes)
            left = self.remaining()
            width = 20
            share = left.total_seconds() / total.total_seconds() if total else 0.0
            done = round(width * (1 - share))
            return Content.assemble(
                head,
                (format_clock(left).rjust(5), "bold"),
                " ",
                ("━" * done, "$accent"),
                ("─" * (width - done), "$text-muted"),
                ("  space stops", "$text-muted"),
            )
        parts: list[Content | str | tuple[str, str]] = [head]
        for number, minutes in enumerate(self.choices):
            style = "reverse bold" if number == self.index else "$text-muted"
            parts += [(f" {number + 1} {minutes} min ", style), " "]
        if self.done_minutes:
            parts.append((f"✓ {self.done_minutes} min done  ", "$success"))
        parts.append(("space starts" if self.has_focus else "", "$text-muted"))
        return Content.assemble(*parts)

    def watch_index(self) -> None:
        self.refresh()

    def watch_ends_at(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
