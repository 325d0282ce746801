"""The safety layer's rules, as pure functions: which notice a kind gets, and when the
person's own records say spacing has been unbearable (worth a word about support)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from app.domain.records import Outcome, Reframe, StimulusKind, Timer, TimerEnd
from app.domain.safety import (
    CAFFEINE_TIP,
    SUBSTANCE_NOTICE,
    needs_support,
    notice_for,
    support_notice_due,
)

NOW = dt.datetime(2026, 11, 24, 8, 30, tzinfo=dt.UTC)
_ids = itertools.count(1)


def ended(hours_ago: float, how: TimerEnd = TimerEnd.RAN_OUT, urge: int | None = None) -> Timer:
    end = NOW - dt.timedelta(hours=hours_ago)
    return Timer(
        next(_ids), 1, "coffee", end - dt.timedelta(hours=2), end, end, how, urge, urge is not None
    )


def reframe(hours_ago: float, after: int | None) -> Reframe:
    at = NOW - dt.timedelta(hours=hours_ago)
    return Reframe(next(_ids), at, 1, "just wanting", 9, after, Outcome.WAITED)


@pytest.mark.parametrize(
    ("kind", "notice"),
    [
        (StimulusKind.SUBSTANCE, SUBSTANCE_NOTICE),
        (StimulusKind.CAFFEINE, CAFFEINE_TIP),
        (StimulusKind.FOOD, None),
        (StimulusKind.DRINK, None),
        (StimulusKind.SCREEN, None),
        (StimulusKind.OTHER, None),
    ],
)
def test_notice_per_kind(kind, notice):
    assert notice_for(kind) == notice


def test_substance_notice_says_talk_to_a_clinician_and_never_diagnoses():
    assert "clinician" in SUBSTANCE_NOTICE and "seizures" in SUBSTANCE_NOTICE
    assert "addict" not in SUBSTANCE_NOTICE.lower()


def test_three_strong_urges_in_a_week():
    two = [ended(1, urge=9), ended(30, urge=10)]
    assert not needs_support(two, [], NOW)
    assert needs_support([*two, ended(100, urge=9)], [], NOW)


def test_urges_under_nine_do_not_count():
    assert not needs_support([ended(h, urge=8) for h in (1, 2, 3, 4)], [], NOW)


def test_three_early_endings_in_a_week():
    early = [ended(h, TimerEnd.ENDED_EARLY) for h in (1, 2)]
    assert not needs_support(early, [], NOW)
    assert needs_support([*early, ended(150, TimerEnd.ENDED_EARLY)], [], NOW)


def test_cancelled_timers_are_not_early_endings():
    assert not needs_support([ended(h, TimerEnd.CANCELLED) for h in (1, 2, 3)], [], NOW)


def test_three_reframes_with_craving_still_high():
    assert needs_support([], [reframe(1, 9), reframe(2, 10), reframe(3, 9)], NOW)
    assert not needs_support([], [reframe(1, 9), reframe(2, 10), reframe(3, 8)], NOW)
    assert not needs_support([], [reframe(1, 9), reframe(2, 10), reframe(3, None)], NOW)


def test_only_the_last_seven_days_count():
    week = 7 * 24
    assert needs_support([ended(h, urge=10) for h in (1, 2, week)], [], NOW)
    assert not needs_support([ended(h, urge=10) for h in (1, 2, week + 0.1)], [], NOW)
    assert not needs_support([], [reframe(h, 10) for h in (1, 2, week + 1)], NOW)
    assert not needs_support([ended(h, TimerEnd.ENDED_EARLY) for h in (1, 2, 200)], [], NOW)


def test_signals_are_not_added_together():
    mixed = [ended(1, urge=10), ended(2, urge=9), ended(3, TimerEnd.ENDED_EARLY)]
    mixed.append(ended(4, TimerEnd.ENDED_EARLY))
    assert not needs_support(mixed, [reframe(5, 10), reframe(6, 10)], NOW)


def test_running_timers_do_not_count():
    running = Timer(next(_ids), 1, "coffee", NOW, NOW + dt.timedelta(hours=1))
    assert not needs_support([running] * 3, [], NOW)


def test_support_notice_once_a_month():
    today = NOW.date()
    assert support_notice_due(None, today)
    assert not support_notice_due(today, today)
    assert not support_notice_due(today - dt.timedelta(days=29), today)
    assert support_notice_due(today - dt.timedelta(days=30), today)
