"""The words of every notification teeter sends outside its own window (desktop and
terminal). They can show on a lock screen or over someone's shoulder, so a setting hides
names, and they stay neutral: a timer's end is reported, never presented as permission
("ready", "the wait is over", "you may have it now"). Kept in one module so the safety
rule (`safety.guidance`) decides a timer's end in one place."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.records import StimulusKind
from app.domain.safety import guidance
from app.domain.text import one_line

HIDDEN_NAME = "a spacing timer"
URGE_QUESTION = "How strong is the craving now? (1-10)"


@dataclass(frozen=True)
class Words:
    title: str
    body: str


def timer_done(
    name: str,
    kind: StimulusKind,
    *,
    hide_names: bool,
    ended_at: str | None = None,
    answer_here: bool = False,
) -> Words:
    """A timer ran out. `ended_at` (a local clock time) when it is said late, so the
    question is plainly about now; `answer_here` when the notification itself takes the
    answer, otherwise it says how to answer from the shell."""
    if hide_names:
        title = f"teeter: {HIDDEN_NAME} is done"
    else:  # the safety rule owns how a timer's end is worded, for every kind
        title = guidance(kind, one_line(name)).timer_end
    lines = [f"It ran out at {ended_at}."] if ended_at is not None else []
    lines.append(URGE_QUESTION)
    if not answer_here:  # no name in the body: some servers read it as markup
        lines.append("Answer with: teeter urge N")
    return Words(title=title, body="\n".join(lines))


def checkin_reminder() -> Words:
    return Words(
        title="teeter: daily check-in",
        body="Today's check-in is still open: a few minutes, whenever it suits you.",
    )
