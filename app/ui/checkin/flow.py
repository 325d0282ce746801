"""Sequencing the check-in: show each step, resume where it stopped. Each step records how
it ended itself, off the event loop, before it hands back (`StepScreen.finish`). The rules
(what comes next, what counts as done) live in `app.domain.checkin`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from app.domain.checkin import (
    CheckInProgress,
    Step,
    next_step,
    previous_step,
)
from app.storage.tables import checkins, stimuli
from app.ui.checkin.base import CheckInContext, StepAction, StepScreen

if TYPE_CHECKING:
    from app.ui.host import Host


class Between(Screen[None]):
    """What is on screen for the moment between two steps: the steps' own header. Home
    stays beneath the whole walk, so it is not drawn again (nor read again) between steps."""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")


def _screen_for(step: Step, context: CheckInContext) -> StepScreen:
    from app.ui.checkin.notice_screen import NoticeScreen
    from app.ui.checkin.reframe_screen import ReframeScreen
    from app.ui.checkin.space_screen import SpaceScreen
    from app.ui.checkin.track_screen import TrackScreen

    screens: dict[Step, type[StepScreen]] = {
        Step.NOTICE: NoticeScreen,
        Step.TRACK: TrackScreen,
        Step.SPACE: SpaceScreen,
        Step.REFRAME: ReframeScreen,
    }
    return screens[step](context)


async def walk(app: Host) -> None:
    """Walk from the first unfinished step (or from Notice when today's is complete: the
    practice can be done a few times a day). Escape on the first step leaves, keeping all."""
    journal = app.journal
    db = journal.db
    day = journal.today()  # pinned: a walk that crosses the day-start hour stays on its day
    # Read on the loop: a few milliseconds, and the first step cannot be drawn without them.
    record = checkins.for_day(db, day)
    progress = record.progress if record else CheckInProgress()
    recent = stimuli.list_active(db)
    context = CheckInContext(day, progress, stimulus=recent[0].name if recent else "")
    step: Step | None = progress.resume_step() or Step.NOTICE
    between = Between()
    app.push_screen(between)  # not awaited: the first step goes on top before any frame
    try:
        await _steps(app, step, context)
    finally:
        stack = app.screen_stack  # empty while the app closes
        if stack and stack[-1] is between:
            app.pop_screen()


async def _steps(app: Host, step: Step | None, context: CheckInContext) -> None:
    from app.ui.checkin.summary_screen import SummaryScreen

    while step is not None:
        action = await app.push_screen_wait(_screen_for(step, context))
        if action is StepAction.BACK:
            before = previous_step(step)
            if before is None:
                app.data_changed()
                return
            step = before
            continue
        step = next_step(step)
    app.data_changed()
    await app.push_screen_wait(SummaryScreen(context.progress))
