"""Reframe cards: one or two true sentences from the person's own history, shown before they
rate a craving, so they see what happened the last times they waited. Every number is read
from the records passed in; when there is not enough of them, a card says nothing rather
than guess.

Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from math import fsum

import pendulum

from app.domain.gaps import MIN_GROUP, build_points, gap_groups, gap_sentence
from app.domain.gaps import format_number as number
from app.domain.records import Exposure, Outcome, Reframe, StimulusKind, Timer, TimerEnd
from app.domain.safety import WITHDRAWAL_CARD, guidance
from app.domain.wording import counted

MIN_WAITED = 3
"""Fewest waited-out reframes (both ratings given) before their average is shown: one or two
say more about that moment than about what waiting does."""
WAITED_WINDOW = 5
"""The average covers at most this many of the latest waited-out reframes: recent ones say
more about the person now than ones from months ago."""
MIN_GAP_GROUPS = 2
"""Gap groups with at least `gaps.MIN_GROUP` exposures each needed for the gap card: a mean
means something only beside another one."""
GAP_CARD_DAYS = 14
"""How far back the gap card reads exposures (the caller's window; named in the sentence)."""
MAX_CARDS = 2


def _waited(reframes: Sequence[Reframe]) -> list[Reframe]:
    """Waited-out reframes with both ratings, oldest first (equal times by id)."""
    found = [r for r in reframes if r.outcome is Outcome.WAITED and r.craving_after is not None]
    return sorted(found, key=lambda r: (r.occurred_at, r.id))


def _went(before: float, after: float) -> str:
    """ "fell from 7.5 to 3.8", "rose from 3 to 4", "stayed at 6", judged on the numbers as
    shown so the verb and the numbers always agree."""
    shown_before, shown_after = number(before), number(after)
    if shown_before == shown_after:
        return f"stayed at {shown_before}"
    verb = "fell" if float(shown_after) < float(shown_before) else "rose"
    return f"{verb} from {shown_before} to {shown_after}"


def waited_average_card(reframes: Sequence[Reframe]) -> str | None:
    """The mean craving before and after over the latest waited-out reframes."""
    latest = _waited(reframes)[-WAITED_WINDOW:]
    if len(latest) < MIN_WAITED:
        return None
    before = fsum(r.craving_before for r in latest) / len(latest)
    after = fsum(r.craving_after or 0 for r in latest) / len(latest)
    return (
        f"the last {len(latest)} times you waited it out, craving {_went(before, after)} on average"
    )


def last_waited_card(reframes: Sequence[Reframe]) -> str | None:
    """What happened the very last time the person waited one out."""
    waited = _waited(reframes)
    if not waited:
        return None
    last = waited[-1]
    change = f"craving went {last.craving_before} → {last.craving_after}"
    minutes = last.surf_minutes
    if minutes:
        return f"last time you waited, {change} in {counted(minutes, 'minute')} of urge surfing"
    return f"last time you waited, {change} after you labelled it"


def gap_card(
    exposures: Sequence[Exposure],
    name: str,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> str | None:
    """Enjoyment after long gaps against short ones, only when two gap groups each hold
    `gaps.MIN_GROUP` exposures (the same rule and words as the three-day log)."""
    if not exposures:
        return None
    groups = gap_groups(build_points(exposures, tz, day_start_hour))
    if sum(1 for g in groups if g.count >= MIN_GROUP) < MIN_GAP_GROUPS:
        return None
    return f"{gap_sentence(groups, name)} (last {GAP_CARD_DAYS} days)"


def timer_card(timers: Sequence[Timer], name: str) -> str | None:
    """The urge when this pleasure's latest timer ran out, if the person rated it."""
    ran_out = [t for t in timers if t.end_reason is TimerEnd.RAN_OUT and t.ended_at is not None]
    if not ran_out:
        return None
    last = max(ran_out, key=lambda t: (t.ended_at or t.ends_at, t.id))
    if last.urge is None:
        return None
    return f"the last time your {name} timer ran out, craving was at {last.urge}"


def cards(
    *,
    reframes: Sequence[Reframe],
    exposures: Sequence[Exposure] = (),
    timers: Sequence[Timer] = (),
    name: str | None = None,
    tz: pendulum.Timezone | pendulum.FixedTimezone = pendulum.UTC,
    day_start_hour: int = 4,
    kind: StimulusKind | None = None,
) -> list[str]:
    """At most MAX_CARDS sentences: one about waiting (the average when there is enough,
    else the last time), then one about spacing this pleasure (gap evidence, else its last
    timer). `exposures` and `timers` are this pleasure's; without a name only the waiting
    card can appear. Empty when nothing is known yet.

    For a substance (by kind or by name, `safety.guidance`) there is no spacing card:
    instead, always, the line that a craving with withdrawal signs needs medical help."""
    found = [waited_average_card(reframes) or last_waited_card(reframes)]
    if name:
        if guidance(kind, name).care_first:
            return [WITHDRAWAL_CARD, *[card for card in found if card]][:MAX_CARDS]
        found.append(gap_card(exposures, name, tz, day_start_hour) or timer_card(timers, name))
    return [card for card in found if card][:MAX_CARDS]


def since(now: dt.datetime) -> dt.datetime:
    """Where the gap card's window starts."""
    return now - dt.timedelta(days=GAP_CARD_DAYS)
