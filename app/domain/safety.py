"""Safety notices. teeter is not medical advice and never diagnoses; these texts say
plainly when spacing needs a clinician's help rather than willpower."""

from __future__ import annotations

from app.domain.records import StimulusKind

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
