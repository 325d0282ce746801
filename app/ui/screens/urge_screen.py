"""The question a spacing timer ends with: how strong is the urge now? Answers over time
draw the person's own urge curve, so the question is short and skipping it is fine. When
the timer ran out a while ago (past the urge window), it says plainly that the question is
about now, and the answer is kept as a rating of its own, not as the timer's end."""

from __future__ import annotations

import pendulum
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from app.domain.records import Timer
from app.domain.urges import asks_about_now
from app.ui.safe_text import shown
from app.ui.screens.rating_question import RatingQuestion
from app.ui.widgets.dialog import Dialog
from app.ui.widgets.footer import Footer
from app.ui.widgets.rating import RatingInput


class UrgeScreen(RatingQuestion):
    """Dismisses with the rating (1-10), or None when skipped."""

    def __init__(self, timer: Timer, now: pendulum.DateTime, *, while_closed: bool) -> None:
        super().__init__()
        self.timer = timer
        self.asked_at = now
        self.while_closed = while_closed

    def compose(self) -> ComposeResult:
        name = self.timer.stimulus_name
        # in the clock's own zone, whatever kind of tzinfo it carries: `asked_at.timezone`
        # is None for a plain fixed offset, and pendulum would then use the machine's zone
        at = pendulum.instance(self.timer.ends_at.astimezone(self.asked_at.tzinfo))
        same_day = at.date() == self.asked_at.date()
        when = at.format("HH:mm") if same_day else at.format("ddd D MMM, HH:mm")
        where = " while teeter was closed" if self.while_closed else ""
        late = asks_about_now(self.timer.ends_at, self.asked_at)
        if late:
            where += ", a while ago: this is about the craving right now, not back then"
        with Dialog(id="urge-dialog"):
            yield Static(
                Content.assemble("Your ", shown(name), " timer ran out"),
                classes="step-progress",
            )
            yield Static(f"It ended at {when}{where}.", classes="step-intro")
            yield Static(
                Content.assemble("How strong is the craving for ", shown(name), " now?"),
                id="urge-question",
            )
            yield RatingInput("Craving now", id="urge-rating")
            yield Static("", id="urge-error", classes="step-error question-error")
            yield Static("enter saves · escape skips, which is fine too", classes="step-intro")
        yield Footer()
