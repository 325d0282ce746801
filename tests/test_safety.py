"""The safety layer's rules, as pure functions: which notice a kind gets, and when the
person's own records say spacing has been unbearable (worth a word about support)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from app.domain.records import Outcome, Reframe, StimulusKind, Timer, TimerEnd
from app.domain.safety import (
    CAFFEINE_TIP,
    CARE_NOTICES,
    DEFAULT_HELP_TEXT,
    NOT_MEDICAL_ADVICE,
    guidance,
    hard_moments,
    needs_support,
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


SUBSTANCES = [
    StimulusKind.ALCOHOL,
    StimulusKind.SEDATIVE,
    StimulusKind.OPIOID,
    StimulusKind.NICOTINE,
    StimulusKind.SUBSTANCE,
]


@pytest.mark.parametrize("kind", SUBSTANCES)
def test_every_substance_class_gets_its_care_notice_and_no_gap(kind):
    care = guidance(kind, "my evening thing")
    assert care.kind is kind and care.from_name is None
    assert care.notice == CARE_NOTICES[kind]
    assert not care.may_suggest_spacing and care.care_first
    assert care.notice_with_disclaimer.endswith(NOT_MEDICAL_ADVICE)


@pytest.mark.parametrize(
    ("kind", "notice"),
    [
        (StimulusKind.CAFFEINE, CAFFEINE_TIP),
        (StimulusKind.FOOD, None),
        (StimulusKind.DRINK, None),
        (StimulusKind.SCREEN, None),
        (StimulusKind.OTHER, None),
    ],
)
def test_everything_else_may_be_spaced(kind, notice):
    care = guidance(kind, "my evening thing")
    assert care.notice == notice and care.may_suggest_spacing and not care.care_first


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        (StimulusKind.OTHER, "xanax", StimulusKind.SEDATIVE),
        (StimulusKind.DRINK, "wine", StimulusKind.ALCOHOL),  # "drink" was the old trap
        (StimulusKind.FOOD, "oxy", StimulusKind.OPIOID),
        (None, "2 Beers", StimulusKind.ALCOHOL),  # not created yet
        (StimulusKind.SUBSTANCE, "Valium", StimulusKind.SEDATIVE),  # the class says more
        (StimulusKind.NICOTINE, "vodka", StimulusKind.ALCOHOL),  # the more careful one
    ],
)
def test_a_name_that_plainly_is_a_substance_is_treated_as_one_whatever_its_kind(
    kind, name, expected
):
    care = guidance(kind, name)
    assert care.kind is expected and not care.may_suggest_spacing and care.care_first
    assert care.from_name is not None
    assert care.notice.startswith(f'teeter reads "{care.from_name.word}" as ')


def test_a_kind_the_person_chose_for_an_unknown_name_is_kept():
    assert guidance(StimulusKind.ALCOHOL, "Friday").kind is StimulusKind.ALCOHOL
    assert guidance(StimulusKind.FOOD, "ginger").may_suggest_spacing
    assert guidance(StimulusKind.DRINK, "alcohol-free beer").notice is None
    assert guidance(StimulusKind.OPIOID, "wine").kind is StimulusKind.OPIOID


def test_caffeine_by_name_only_when_the_kind_says_nothing():
    assert guidance(StimulusKind.OTHER, "espresso").notice == CAFFEINE_TIP
    assert guidance(StimulusKind.FOOD, "tea cake").notice is None


def test_a_timer_end_is_worded_neutrally_for_everything():
    for kind in StimulusKind:
        words = guidance(kind, "coffee").timer_end
        assert words == "coffee: timer done"
        assert "ready" not in words and "over" not in words


def test_care_notices_say_what_the_sources_say():
    alcohol, sedative, opioid = (
        CARE_NOTICES[k] for k in (StimulusKind.ALCOHOL, StimulusKind.SEDATIVE, StimulusKind.OPIOID)
    )
    for notice in (alcohol, sedative):
        assert "life-threatening" in notice and "seizure" in notice
        assert "emergency number" in notice
    assert "GHB" in sedative and "prescriber" in sedative and "taper" in sedative
    assert "tolerance" in opioid and "breathing" in opioid and "prescriber" in opioid
    assert "prescriber" in CARE_NOTICES[StimulusKind.SUBSTANCE]
    for notice in CARE_NOTICES.values():
        assert "addict" not in notice.lower()  # never a diagnosis
        assert "no gap" in notice


def test_the_default_help_text_says_where_to_turn():
    assert "emergency number" in DEFAULT_HELP_TEXT
    assert "findahelpline.com" in DEFAULT_HELP_TEXT
    assert "doctor" in DEFAULT_HELP_TEXT and "pharmacist" in DEFAULT_HELP_TEXT


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


def test_mixed_signals_add_up():
    """Two early endings and two reframes still at 9-10 are a hard week, though no one
    kind of signal reached three."""
    mixed = [ended(1, TimerEnd.ENDED_EARLY), ended(2, TimerEnd.ENDED_EARLY)]
    assert not needs_support(mixed, [], NOW)
    assert needs_support(mixed, [reframe(5, 10)], NOW)
    assert needs_support(mixed, [reframe(5, 10), reframe(6, 9)], NOW)
    assert needs_support([ended(1, urge=9)], [reframe(5, 10), reframe(6, 9)], NOW)
    assert not needs_support([ended(1, urge=9)], [reframe(5, 10), reframe(6, 8)], NOW)


def test_a_timer_counts_once_even_when_ended_early_with_a_strong_urge():
    both = ended(1, TimerEnd.ENDED_EARLY, urge=10)
    assert hard_moments([both], [], NOW) == 1


def test_running_timers_do_not_count():
    running = Timer(next(_ids), 1, "coffee", NOW, NOW + dt.timedelta(hours=1))
    assert not needs_support([running] * 3, [], NOW)


def test_support_notice_once_a_month():
    today = NOW.date()
    assert support_notice_due(None, today)
    assert not support_notice_due(today, today)
    assert not support_notice_due(today - dt.timedelta(days=29), today)
    assert support_notice_due(today - dt.timedelta(days=30), today)
