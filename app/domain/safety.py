"""Safety notices. teeter is not medical advice and never diagnoses; these texts say
plainly when spacing needs a clinician's help rather than willpower."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from app.domain.records import Reframe, StimulusKind, Timer, TimerEnd

SUBSTANCE_NOTICE = (
    "A word of care: cutting down some substances suddenly (alcohol, benzodiazepines, "
    "opioids and others) can be dangerous, even cause seizures. Please talk with a doctor or "
    "clinician before you space this one; teeter will not suggest an interval for it."
)

CAFFEINE_TIP = (
    "Tip: taper caffeine gently, a little later or a little less each day. Withdrawal "
    "headaches are common and usually pass within a few days."
)

DEFAULT_HELP_TEXT = (
    "If waiting feels unbearable again and again, that is worth talking over with a "
    "professional: your doctor, a counsellor, or a local helpline. Reaching out is a "
    "sensible next step, not a failure."
)


def notice_for(kind: StimulusKind) -> str | None:
    if kind is StimulusKind.SUBSTANCE:
        return SUBSTANCE_NOTICE
    if kind is StimulusKind.CAFFEINE:
        return CAFFEINE_TIP
    return None


def may_suggest_interval(kind: StimulusKind) -> bool:
    return kind is not StimulusKind.SUBSTANCE


# --- "spacing looks unbearable" -------------------------------------------------------
SUPPORT_WINDOW = dt.timedelta(days=7)
SUPPORT_COUNT = 3
"""Three hard moments within seven days: one bad day is ordinary, a pattern is worth a word."""
UNBEARABLE_FROM = 9
SUPPORT_REPEAT = dt.timedelta(days=30)

SUPPORT_INTRO = (
    "Waiting has been very hard several times this past week. That happens, and it says "
    "nothing bad about you."
)


def needs_support(timers: Iterable[Timer], reframes: Iterable[Reframe], now: dt.datetime) -> bool:
    """True when, within the last seven days, there were three urge ratings of 9-10 at the
    end of a timer, or three timers ended early, or three reframes after which craving was
    still 9-10. Each signal counts on its own; they are not added together, so an ordinary
    mix of hard moments does not trigger it. Never a diagnosis: only a reason to mention
    that help exists."""
    since = now - SUPPORT_WINDOW
    recent = [t for t in timers if t.ended_at is not None and t.ended_at >= since]
    strong_urges = sum(1 for t in recent if t.urge is not None and t.urge >= UNBEARABLE_FROM)
    early = sum(1 for t in recent if t.end_reason is TimerEnd.ENDED_EARLY)
    still_craving = sum(
        1
        for r in reframes
        if r.occurred_at >= since
        and r.craving_after is not None
        and r.craving_after >= UNBEARABLE_FROM
    )
    return max(strong_urges, early, still_craving) >= SUPPORT_COUNT


def support_notice_due(last_shown: dt.date | None, today: dt.date) -> bool:
    """The support notice is shown once, then not again for thirty days."""
    return last_shown is None or today - last_shown >= SUPPORT_REPEAT
