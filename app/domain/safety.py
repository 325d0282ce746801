"""The one safety rule every screen and command goes through. teeter is not medical advice
and never diagnoses; these texts say plainly when spacing needs a clinician rather than
willpower, and they are shown before spacing starts, never after.

Why a rule by name as well as by kind: safety must not depend on the person finding a
setting. "wine", "xanax" or "oxy" get the care notice and no suggested gap even when their
kind was left at "other" (see `app.domain.lexicon`).

Sources the texts were checked against (in our own words): FDA Drug Safety Communication,
23 Sep 2020 (benzodiazepines: abrupt stopping or quick dose cuts can bring life-threatening
withdrawal, so taper gradually); NHS and Drinkaware on alcohol withdrawal (after regular
heavy drinking, stopping suddenly can bring shaking, sweating, hallucinations and seizures:
cut down with medical advice); opioid overdose guidance (after a break tolerance falls, so
the old amount can stop breathing); NHS on caffeine and stopping smoking.

Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.lexicon import CARE_ORDER, Recognised, recognise
from app.domain.records import Reframe, StimulusKind, Timer, TimerEnd
from app.domain.timer_words import TIMER_DONE, timer_end_words

__all__ = ["TIMER_DONE", "timer_end_words"]  # re-exported: the rule owns the wording too

NOT_MEDICAL_ADVICE = "teeter is not medical advice."

FIRST_LAUNCH_NOTE = (
    "teeter is a journal, not medical advice, and it never diagnoses. For alcohol, "
    "sedatives, sleeping pills or opioids, stopping or cutting down quickly can be "
    "dangerous: it shows a word of care instead of suggesting gaps. More under ? (help)."
)

EMERGENCY = (
    "Shaking, sweating, confusion, seeing or hearing things, or a seizure need urgent "
    "medical help: call your local emergency number."
)
NO_GAP = "teeter suggests no gap for it."

CARE_NOTICES: dict[StimulusKind, str] = {
    StimulusKind.ALCOHOL: (
        "A word of care: after drinking often or heavily, stopping or cutting down "
        "quickly can be life-threatening (seizures are possible). Ask a doctor or "
        f"pharmacist how to cut down safely before you space it. {EMERGENCY} {NO_GAP}"
    ),
    StimulusKind.SEDATIVE: (
        "A word of care: after regular use, stopping or cutting down quickly on "
        "benzodiazepines, sleeping pills, GHB/GBL, barbiturates, gabapentin or pregabalin "
        "can be life-threatening (seizures are possible). Never change a prescribed dose "
        f"without your prescriber; ask them how to taper. {EMERGENCY} {NO_GAP}"
    ),
    StimulusKind.OPIOID: (
        "A word of care: after any break from opioids, even a few days, tolerance drops, so "
        "your old amount can stop your breathing. Never change a prescribed dose without "
        "your prescriber. After a gap, take much less, never alone, with naloxone near. "
        "Slow breathing, blue lips or not waking up: call your local emergency number. "
        f"{NO_GAP}"
    ),
    StimulusKind.NICOTINE: (
        "A word of care: cutting down nicotine is not dangerous, though cravings and "
        "irritability are common for a few weeks. A pharmacist or stop-smoking service can "
        "help. If you smoke and take regular medicines, tell your doctor or pharmacist when "
        f"you smoke less: a few need a new dose. {NO_GAP}"
    ),
    StimulusKind.SUBSTANCE: (
        "A word of care: stopping a drug or medicine you use regularly can bring withdrawal, "
        "and for some it is dangerous. Never change a prescribed dose without your "
        "prescriber; otherwise ask a doctor or pharmacist before you cut down. "
        f"{EMERGENCY} Thoughts of harming yourself need help now too. {NO_GAP}"
    ),
}

CAFFEINE_TIP = (
    "Tip: cut caffeine down gently, a little less or a little later each day. Headaches "
    "and tiredness are common when cutting down and usually ease within a few days to a week."
)

NO_GAP_ADVICE = (
    "no gap advice for a substance: talk with a doctor or pharmacist before changing how "
    "much or how often (teeter is not medical advice)"
)
"""In place of the gap comparison (the log, `teeter report`): the numbers stay, the advice
and the "most enjoyed" framing go."""

WITHDRAWAL_CARD = (
    "a craving that comes with shaking, sweating, confusion or seeing things needs medical "
    "help, not waiting it out (teeter is not medical advice)"
)
"""The Reframe step's card for a substance, in place of any spacing evidence."""

_WHAT = {
    StimulusKind.ALCOHOL: "alcohol",
    StimulusKind.SEDATIVE: "a sedative",
    StimulusKind.OPIOID: "an opioid",
    StimulusKind.NICOTINE: "nicotine",
    StimulusKind.SUBSTANCE: "a substance",
}


@dataclass(frozen=True)
class Guidance:
    """What teeter may do and must say for one stimulus, whichever screen or command asks.

    `kind` is the kind care is decided by: the stored kind, or what the name plainly is when
    that says more (`from_name` then holds the word, so the person is told why)."""

    name: str
    kind: StimulusKind
    may_suggest_spacing: bool
    care_first: bool
    """A care notice must be on screen (or stderr) before any spacing of it starts."""
    notice: str | None
    from_name: Recognised | None = None

    @property
    def timer_end(self) -> str:
        return timer_end_words(self.name)

    @property
    def notice_with_disclaimer(self) -> str | None:
        return f"{self.notice} {NOT_MEDICAL_ADVICE}" if self.notice else None


def effective_kind(kind: StimulusKind | None, name: str) -> tuple[StimulusKind, Recognised | None]:
    """The stored kind, unless the name plainly says something needing more care."""
    stored = kind or StimulusKind.OTHER
    found = recognise(name)
    if found is None or found.kind is stored:
        return stored, None
    if found.kind.is_substance:
        if not stored.is_substance:
            return found.kind, found
        if CARE_ORDER.index(found.kind) < CARE_ORDER.index(stored):
            return found.kind, found
        return stored, None
    if found.kind is StimulusKind.CAFFEINE and stored is StimulusKind.OTHER:
        return found.kind, found
    return stored, None


def guidance(kind: StimulusKind | None, name: str) -> Guidance:
    """The single rule: whether a gap may be suggested for `name` (stored as `kind`, or
    None when it does not exist yet), which notice is due, and how its timer's end is
    worded. Substances (by kind or by name) get a care notice first and never a suggested
    gap; caffeine gets a taper tip; everything else neither."""
    effective, from_name = effective_kind(kind, name)
    if effective.is_substance:
        notice = CARE_NOTICES[effective]
        if from_name is not None:
            notice = f'teeter reads "{from_name.word}" as {_WHAT[effective]}. {notice}'
        return Guidance(name, effective, False, True, notice, from_name)
    if effective is StimulusKind.CAFFEINE:
        return Guidance(name, effective, True, False, CAFFEINE_TIP, from_name)
    return Guidance(name, effective, True, False, None, from_name)


# --- "spacing looks unbearable" -------------------------------------------------------
DEFAULT_HELP_TEXT = (
    "If waiting has felt unbearable again and again, that is worth talking over with "
    "someone: a doctor, a pharmacist or a counsellor. In an emergency, or if you might "
    "harm yourself, call your local emergency number now. findahelpline.com lists free, "
    "confidential helplines country by country. Reaching out is a sensible step, not a "
    "failure."
)

SUPPORT_WINDOW = dt.timedelta(days=7)
SUPPORT_COUNT = 3
"""Three hard moments within seven days: one bad day is ordinary, a pattern is worth a word."""
UNBEARABLE_FROM = 9
SUPPORT_REPEAT = dt.timedelta(days=30)

SUPPORT_INTRO = (
    "Waiting has been very hard several times this past week. That happens, and it says "
    "nothing bad about you."
)


def hard_moments(timers: Iterable[Timer], reframes: Iterable[Reframe], now: dt.datetime) -> int:
    """How many times in the last seven days waiting was very hard: a timer ended early, a
    craving of 9-10 when a timer ended, or a reframe after which craving was still 9-10.
    A timer counts once even when it was both ended early and rated 9-10."""
    since = now - SUPPORT_WINDOW
    recent = [t for t in timers if t.ended_at is not None and t.ended_at >= since]
    hard_timers = sum(
        1
        for t in recent
        if t.end_reason is TimerEnd.ENDED_EARLY
        or (t.urge is not None and t.urge >= UNBEARABLE_FROM)
    )
    hard_reframes = sum(
        1
        for r in reframes
        if since <= r.occurred_at <= now
        and r.craving_after is not None
        and r.craving_after >= UNBEARABLE_FROM
    )
    return hard_timers + hard_reframes


def needs_support(timers: Iterable[Timer], reframes: Iterable[Reframe], now: dt.datetime) -> bool:
    """True when the last seven days hold three hard moments of any mix (two early-ended
    timers and one reframe still at 9 count as much as three of one kind). Never a
    diagnosis: only a reason to mention that help exists."""
    return hard_moments(timers, reframes, now) >= SUPPORT_COUNT


def support_notice_due(last_shown: dt.date | None, today: dt.date) -> bool:
    """The support notice is shown once, then not again for thirty days."""
    return last_shown is None or today - last_shown >= SUPPORT_REPEAT
