"""Reframe cards: every sentence is computed from the records given (hand-made rows, exact
sentences), and none appears without enough of them."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from app.domain import cards
from app.domain.gaps import MIN_GROUP
from app.domain.records import Exposure, Outcome, Reframe, Timer, TimerEnd

T0 = pendulum.datetime(2026, 11, 20, 9, tz="UTC")
PARIS = pendulum.timezone("Europe/Paris")


def reframe(
    i: int,
    before: int,
    after: int | None,
    outcome: Outcome | None = Outcome.WAITED,
    surf: int | None = None,
) -> Reframe:
    return Reframe(i, T0.add(hours=i), None, "label", before, after, outcome, surf)


def exposure(i: int, hours: float, enjoyment: int, craving: int = 5) -> Exposure:
    return Exposure(i, 1, "coffee", T0.add(hours=hours), enjoyment, craving)  # type: ignore[arg-type]


def timer(i: int, ended_hours: float, reason: TimerEnd, urge: int | None) -> Timer:
    start = T0.add(hours=ended_hours - 1)
    end = T0.add(hours=ended_hours)
    return Timer(i, 1, "coffee", start, end, end, reason, urge, urge is not None)


# --- waiting it out ---------------------------------------------------------------------
def test_waited_average_over_the_latest_waited_reframes() -> None:
    history = [
        reframe(1, 10, 10),  # older than the window of five: left out
        reframe(2, 8, 4),
        reframe(3, 7, 3),
        reframe(4, 9, 9, Outcome.HAD_IT),  # not waited
        reframe(5, 6, None),  # no after rating
        reframe(6, 8, 4),
        reframe(7, 7, 4),
        reframe(8, 8, 4),
    ]
    assert cards.WAITED_WINDOW == 5
    assert (
        cards.waited_average_card(history)
        == "the last 5 times you waited it out, craving fell from 7.6 to 3.8 on average"
    )


def test_waited_average_needs_min_waited() -> None:
    assert cards.MIN_WAITED == 3
    two = [reframe(1, 8, 4), reframe(2, 7, 3), reframe(3, 9, None), reframe(4, 9, 2, None)]
    assert cards.waited_average_card(two) is None
    assert cards.waited_average_card([*two, reframe(5, 6, 5)]) == (
        "the last 3 times you waited it out, craving fell from 7 to 4 on average"
    )


@pytest.mark.parametrize(
    ("pairs", "words"),
    [
        ([(3, 5), (4, 5), (2, 5)], "rose from 3 to 5"),
        ([(5, 5), (6, 6), (4, 4)], "stayed at 5"),
        ([(5, 5), (6, 6), (4, 3)], "fell from 5 to 4.7"),
    ],
)
def test_waited_average_says_the_direction_the_numbers_show(pairs, words) -> None:  # type: ignore[no-untyped-def]
    history = [reframe(i, b, a) for i, (b, a) in enumerate(pairs)]
    assert cards.waited_average_card(history) == (
        f"the last 3 times you waited it out, craving {words} on average"
    )


def test_last_waited_with_and_without_surfing() -> None:
    assert cards.last_waited_card([]) is None
    assert cards.last_waited_card([reframe(1, 8, 3, Outcome.HAD_IT)]) is None
    surfed = [reframe(1, 9, 2, surf=10), reframe(2, 7, 3, surf=5)]
    assert cards.last_waited_card(surfed) == (
        "last time you waited, craving went 7 → 3 in 5 minutes of urge surfing"
    )
    one_minute = [reframe(1, 6, 5, surf=1)]
    assert cards.last_waited_card(one_minute) == (
        "last time you waited, craving went 6 → 5 in 1 minute of urge surfing"
    )
    labelled = [*surfed, reframe(3, 6, 4)]  # the latest one had no surfing
    assert cards.last_waited_card(labelled) == (
        "last time you waited, craving went 6 → 4 after you labelled it"
    )


# --- spacing evidence -------------------------------------------------------------------
def spaced_history(long_count: int) -> list[Exposure]:
    """Three exposures 15 min after the previous one (enjoyment 4, 4, 5), then `long_count`
    after 3 h gaps (enjoyment 8, 7, 8, ...)."""
    items = [exposure(0, 0, 9)]
    items += [exposure(i, i * 0.25, e) for i, e in zip((1, 2, 3), (4, 4, 5), strict=True)]
    for n in range(long_count):
        items.append(exposure(10 + n, 0.75 + 3 * (n + 1), (8, 7)[n % 2]))
    return items


def test_gap_card_compares_two_full_groups() -> None:
    assert cards.gap_card(spaced_history(MIN_GROUP), "coffee", PARIS, 4) == (
        "after gaps of 2–6 h your coffee averaged 7.7; after under 30 min, 4.3 (last 14 days)"
    )


def test_gap_card_says_nothing_with_one_group_short() -> None:
    assert cards.MIN_GAP_GROUPS == 2
    assert cards.gap_card(spaced_history(MIN_GROUP - 1), "coffee", PARIS, 4) is None
    assert cards.gap_card([], "coffee", PARIS, 4) is None


def test_timer_card_reads_the_latest_ran_out_timer() -> None:
    history = [
        timer(1, 1, TimerEnd.RAN_OUT, 6),
        timer(2, 5, TimerEnd.RAN_OUT, 3),
        timer(3, 9, TimerEnd.ENDED_EARLY, None),  # ended early: not a ran-out timer
    ]
    assert cards.timer_card(history, "coffee") == (
        "the last time your coffee timer ran out, craving was at 3"
    )
    skipped = [*history, timer(4, 12, TimerEnd.RAN_OUT, None)]  # latest one unanswered
    assert cards.timer_card(skipped, "coffee") is None
    assert cards.timer_card([], "coffee") is None


# --- choosing the cards -------------------------------------------------------------------
def test_nothing_known_means_no_cards() -> None:
    assert cards.cards(reframes=[]) == []
    assert cards.cards(reframes=[], exposures=[exposure(1, 0, 5)], name="coffee") == []


def test_one_waiting_card_then_one_spacing_card() -> None:
    waited = [reframe(1, 8, 4), reframe(2, 7, 3, surf=5), reframe(3, 9, 5)]
    found = cards.cards(
        reframes=waited,
        exposures=spaced_history(3),
        timers=[timer(1, 1, TimerEnd.RAN_OUT, 2)],
        name="coffee",
        tz=PARIS,
        day_start_hour=4,
    )
    assert found == [
        "the last 3 times you waited it out, craving fell from 8 to 4 on average",
        "after gaps of 2–6 h your coffee averaged 7.7; after under 30 min, 4.3 (last 14 days)",
    ]
    # too little for an average or gap evidence: the last time and the timer instead
    found = cards.cards(
        reframes=waited[:2],
        exposures=spaced_history(1),
        timers=[timer(1, 1, TimerEnd.RAN_OUT, 2)],
        name="coffee",
    )
    assert found == [
        "last time you waited, craving went 7 → 3 in 5 minutes of urge surfing",
        "the last time your coffee timer ran out, craving was at 2",
    ]
    assert len(found) <= cards.MAX_CARDS


def test_without_a_name_only_the_waiting_card() -> None:
    found = cards.cards(reframes=[reframe(1, 8, 4)], timers=[timer(1, 1, TimerEnd.RAN_OUT, 2)])
    assert found == ["last time you waited, craving went 8 → 4 after you labelled it"]


def test_since_is_the_gap_window() -> None:
    assert cards.since(T0) == T0 - dt.timedelta(days=cards.GAP_CARD_DAYS)
