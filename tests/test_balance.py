"""Balance analysis on hand-made logs: trend, verdict, gaps, day boundaries, alerts."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
import math
import random
from pathlib import Path

import pendulum
import pytest

from app.domain import balance
from app.domain.balance import (
    GAP_BUCKETS,
    MIN_GROUP,
    AlertKind,
    Trend,
    Verdict,
    analyse,
    analyse_stimulus,
    falling_while_rising,
    format_number,
    today_trend_sentence,
)
from app.domain.gaps import bucket_for, build_points, round_half_up
from app.domain.records import Exposure
from app.domain.wording import day_words, ordinal

BERLIN = pendulum.timezone("Europe/Berlin")
NEW_YORK = pendulum.timezone("America/New_York")
_ids = itertools.count(1)


def at(local: str, tz: pendulum.Timezone = BERLIN) -> dt.datetime:
    """A local wall-clock time ("2026-11-24 08:00") as the aware UTC instant storage keeps."""
    instant = pendulum.parse(local, tz=tz)
    return dt.datetime.fromtimestamp(instant.timestamp(), dt.UTC)


def ex(
    local: str,
    enjoyment: int,
    craving: int,
    name: str = "coffee",
    sid: int = 1,
    tz: pendulum.Timezone = BERLIN,
    id: int | None = None,
) -> Exposure:
    return Exposure(
        id=next(_ids) if id is None else id,
        stimulus_id=sid,
        stimulus_name=name,
        occurred_at=at(local, tz),
        enjoyment=enjoyment,
        craving=craving,
    )


def spaced(gaps_minutes: list[int], enjoyments: list[int], cravings: list[int] | None = None):
    """A coffee log whose consecutive gaps are the given minutes (first exposure has none)."""
    start = pendulum.datetime(2026, 11, 20, 8, tz=BERLIN)
    cravings = cravings or [3] * len(enjoyments)
    times = [start]
    for minutes in gaps_minutes:
        times.append(times[-1].add(minutes=minutes))
    return [
        Exposure(next(_ids), 1, "coffee", dt.datetime.fromtimestamp(t.timestamp(), dt.UTC), e, c)
        for t, e, c in zip(times, enjoyments, cravings, strict=True)
    ]


def one(exposures, tz=BERLIN, hour=4):
    return analyse_stimulus(exposures, tz, hour)


# --- trend and verdict ----------------------------------------------------------------


def test_falling_log_is_tilting_toward_pain():
    days = ["2026-11-22", "2026-11-23", "2026-11-24"]
    ratings = [(8, 3), (8, 3), (8, 3), (6, 5), (6, 5), (6, 5), (4, 7), (4, 7), (4, 7)]
    times = [f"{d} {h}" for d in days for h in ("08:00", "11:00", "15:00")]
    result = one([ex(t, e, c) for t, (e, c) in zip(times, ratings, strict=True)])
    assert result.verdict is Verdict.TILTING
    assert result.trend == Trend(8.0, 4.0, 3.0, 7.0, 9)
    assert result.verdict_sentence == (
        "enjoyment fell 8 → 4 (−4) while craving rose 3 → 7 (+4) over 9 entries: "
        "tilting toward craving"
    )


def test_steady_log():
    result = one([ex(f"2026-11-24 0{h}:00", 6, 4) for h in range(4, 9)])
    assert result.verdict is Verdict.STEADY
    assert result.verdict_sentence == (
        "enjoyment held at 6, craving held at 4 over 5 entries: holding steady "
        "(neither moved by 1 point or more)"
    )


def test_recovering_log():
    ratings = [(4, 7), (4, 7), (5, 5), (6, 4), (7, 3), (7, 3)]
    result = one([ex(f"2026-11-2{i} 09:00", e, c) for i, (e, c) in enumerate(ratings)])
    assert result.verdict is Verdict.RECOVERING
    assert result.verdict_sentence == (
        "enjoyment rose 4 → 7 (+3) while craving fell 7 → 3 (−4) over 6 entries: recovering"
    )


def test_thirds_are_ceil_n_over_3_and_fractions_keep_one_decimal():
    ratings = [(8, 2), (7, 3), (5, 3), (4, 4)]  # n=4: thirds of 2
    result = one([ex(f"2026-11-24 1{i}:00", e, c) for i, (e, c) in enumerate(ratings)])
    assert result.trend == Trend(7.5, 4.5, 2.5, 3.5, 4)
    assert result.verdict_sentence == (
        "enjoyment fell 7.5 → 4.5 (−3) while craving rose 2.5 → 3.5 (+1) over 4 entries: "
        "tilting toward craving"
    )


@pytest.mark.parametrize(
    ("trend", "verdict"),
    [
        (Trend(8, 7, 4, 4, 3), Verdict.TILTING),  # enjoyment fell exactly 1
        (Trend(6, 6, 4, 5, 3), Verdict.TILTING),  # craving rose exactly 1
        (Trend(8, 7.1, 4, 4.9, 3), Verdict.STEADY),  # both under the threshold
        (Trend(4, 5, 6, 6, 3), Verdict.RECOVERING),
        (Trend(6, 6, 6, 5, 3), Verdict.RECOVERING),
        (Trend(8, 4, 6, 5, 3), Verdict.TILTING),  # both fell; enjoyment's fall dominates
        (Trend(8, 7, 6, 5, 3), Verdict.STEADY),  # both fell by the same amount
        (Trend(8, 7, 7, 3, 3), Verdict.RECOVERING),  # both fell; craving's fall dominates
        (Trend(4, 7, 3, 4, 3), Verdict.RECOVERING),  # both rose; enjoyment dominates
        (Trend(4, 5, 3, 4.5, 3), Verdict.STEADY),  # both rose, net half a point
        (Trend(4, 5, 3, 6, 3), Verdict.TILTING),  # both rose; craving dominates
        (Trend(7.95, 7.0, 3, 3, 3), Verdict.TILTING),  # shown 8 → 7, so judged as a fall of 1
        (Trend(7.3, 6.3, 3, 3, 3), Verdict.TILTING),  # float subtraction is not 0.9999
    ],
)
def test_verdict_rule(trend, verdict):
    assert balance.judge(trend) is verdict
    assert balance.judge(None) is Verdict.TOO_LITTLE_DATA


def test_verdict_sentence_links():
    both_fell = balance.verdict_sentence(Trend(8, 7, 6, 5, 6), 6)
    assert both_fell == (
        "enjoyment fell 8 → 7 (−1) and craving fell 6 → 5 (−1) over 6 entries: "
        "holding steady (both moved the same way by about as much)"
    )
    one_still = balance.verdict_sentence(Trend(8, 4, 3, 3, 7), 7)
    assert one_still == (
        "enjoyment fell 8 → 4 (−4), craving held at 3 over 7 entries: tilting toward craving"
    )


def test_single_exposure_is_a_friendly_message():
    result = one([ex("2026-11-24 08:00", 7, 3)])
    assert result.trend is None
    assert result.verdict is Verdict.TOO_LITTLE_DATA
    assert result.verdict_sentence == "1 entry so far: log at least 3 to see a trend"
    assert result.points[0].gap is None and result.points[0].nth_of_day == 1
    assert result.gap_sentence == (
        "log a few entries with different gaps to see whether spacing helps"
    )
    assert result.best_gap_bucket is None
    assert result.alerts == ()
    assert all(g.count == 0 and g.mean_enjoyment is None for g in result.gap_evidence)


def test_two_exposures():
    result = one([ex("2026-11-24 08:00", 7, 3), ex("2026-11-24 08:10", 6, 4)])
    assert result.verdict is Verdict.TOO_LITTLE_DATA
    assert result.verdict_sentence == "2 entries so far: log at least 3 to see a trend"
    assert result.points[1].gap == dt.timedelta(minutes=10)
    assert result.gap_sentence == (
        "2 more entries after a gap of under 30 min and 3 after a longer gap to compare"
    )
    assert balance.verdict_sentence(None, 0) == "no entries yet: log at least 3 to see a trend"


def test_input_order_does_not_matter_and_equal_times_go_by_id():
    a = ex("2026-11-24 08:00", 7, 3, id=901)
    b = ex("2026-11-24 08:00", 5, 5, id=902)
    c = ex("2026-11-24 07:00", 8, 2, id=903)
    result = one([b, a, c])
    assert [p.id for p in result.points] == [903, 901, 902]
    assert [p.gap for p in result.points] == [None, dt.timedelta(hours=1), dt.timedelta(0)]
    assert one([a, c, b]) == result


def test_analyse_stimulus_refuses_empty_and_mixed_input():
    with pytest.raises(ValueError):
        one([])
    with pytest.raises(ValueError):
        one([ex("2026-11-24 08:00", 7, 3), ex("2026-11-24 09:00", 7, 3, "tea", 2)])


# --- points: days, nth of day, gaps -----------------------------------------------------


def test_interleaved_stimuli_keep_their_own_gaps_and_analyse_orders_newest_first():
    log = [
        ex("2026-11-24 08:00", 8, 3, "coffee", 1),
        ex("2026-11-24 08:10", 6, 5, "email", 2),
        ex("2026-11-24 09:00", 7, 4, "coffee", 1),
        ex("2026-11-24 12:00", 5, 6, "email", 2),
    ]
    results = analyse(log, BERLIN, 4)
    assert [r.stimulus_name for r in results] == ["email", "coffee"]
    email, coffee = results
    assert [p.gap for p in coffee.points] == [None, dt.timedelta(hours=1)]
    assert [p.gap for p in email.points] == [None, dt.timedelta(hours=3, minutes=50)]
    assert [p.nth_of_day for p in coffee.points] == [1, 2]
    mixed = build_points(log, BERLIN, 4)
    assert [p.gap for p in mixed] == [None, None, dt.timedelta(hours=1), email.points[1].gap]
    assert analyse([], BERLIN, 4) == ()


def test_analyse_breaks_ties_by_name_ignoring_case():
    log = [
        ex("2026-11-24 08:00", 8, 3, "Beer", 1),
        ex("2026-11-24 08:00", 8, 3, "apple", 2),
    ]
    assert [r.stimulus_name for r in analyse(log, BERLIN, 4)] == ["apple", "Beer"]


def test_day_starts_at_four_so_0359_and_0400_are_different_days():
    log = [ex("2026-11-25 03:59", 7, 3), ex("2026-11-25 04:00", 7, 3)]
    points = one(log).points
    assert [p.day for p in points] == [dt.date(2026, 11, 24), dt.date(2026, 11, 25)]
    assert [p.nth_of_day for p in points] == [1, 1]
    assert points[1].gap == dt.timedelta(minutes=1)
    at_midnight = one(log, hour=0).points
    assert [p.nth_of_day for p in at_midnight] == [1, 2]


def test_gap_across_midnight_stays_in_the_same_day():
    points = one([ex("2026-11-24 23:30", 7, 3), ex("2026-11-25 00:15", 6, 4)]).points
    assert [p.day for p in points] == [dt.date(2026, 11, 24)] * 2
    assert [p.nth_of_day for p in points] == [1, 2]
    assert points[1].gap == dt.timedelta(minutes=45)


def test_spring_forward_day_is_23_hours_in_berlin():
    log = [
        ex("2024-03-30 22:00", 7, 3),  # CET
        ex("2024-03-31 03:30", 6, 4),  # CEST, after the jump: still the 30th's day
        ex("2024-03-31 04:30", 5, 5),
    ]
    points = one(log).points
    assert [p.day for p in points] == [dt.date(2024, 3, 30)] * 2 + [dt.date(2024, 3, 31)]
    assert [p.nth_of_day for p in points] == [1, 2, 1]
    assert [p.gap for p in points[1:]] == [dt.timedelta(hours=4, minutes=30), dt.timedelta(hours=1)]


def test_fall_back_day_is_25_hours_in_new_york():
    log = [
        ex("2024-11-02 23:00", 7, 3, tz=NEW_YORK),  # EDT
        ex("2024-11-03 03:30", 6, 4, tz=NEW_YORK),  # EST, after the repeated hour
        ex("2024-11-03 04:00", 5, 5, tz=NEW_YORK),
    ]
    points = one(log, tz=NEW_YORK).points
    assert [p.day for p in points] == [dt.date(2024, 11, 2)] * 2 + [dt.date(2024, 11, 3)]
    assert [p.nth_of_day for p in points] == [1, 2, 1]
    assert [p.gap for p in points[1:]] == [
        dt.timedelta(hours=5, minutes=30),
        dt.timedelta(minutes=30),
    ]


# --- gap evidence -----------------------------------------------------------------------


def test_bucket_boundaries():
    minute = dt.timedelta(minutes=1)
    cases = {
        dt.timedelta(0): "under 30 min",
        30 * minute - dt.timedelta(seconds=1): "under 30 min",
        30 * minute: "30 min–2 h",
        120 * minute: "2–6 h",
        360 * minute - dt.timedelta(seconds=1): "2–6 h",
        360 * minute: "6 h or more",
        dt.timedelta(days=3): "6 h or more",
    }
    for gap, label in cases.items():
        assert bucket_for(gap).label == label
    assert [b.label for b in GAP_BUCKETS] == ["under 30 min", "30 min–2 h", "2–6 h", "6 h or more"]
    assert MIN_GROUP == 3


def test_gap_evidence_compares_longest_and_shortest_full_groups():
    gaps = [10, 10, 10, 60, 60, 400, 400, 400]
    result = one(spaced(gaps, [9, 4, 4, 5, 6, 6, 8, 7, 8], [2, 7, 6, 6, 5, 4, 2, 3, 2]))
    short, middle, _, long = result.gap_evidence
    assert (short.count, short.mean_enjoyment, short.mean_craving) == (3, 13 / 3, 19 / 3)
    assert (middle.count, middle.mean_enjoyment) == (2, 6.0)
    assert long.count == 3 and long.mean_enjoyment == pytest.approx(23 / 3)
    assert result.gap_sentence == (
        "after gaps of 6 h or more your coffee averaged 7.7; after under 30 min, 4.3 "
        "(30 min–2 h (2): too few to compare yet)"
    )
    assert result.best_gap_bucket is long


def test_a_small_group_with_a_higher_mean_is_named_not_skipped():
    """Two exposures after 6 h+ average 6.5, above the 2–6 h group's 5: the marker can only
    go to a group with enough exposures, and the words say what was left out."""
    gaps = [10, 10, 10, 200, 200, 200, 400, 400]
    result = one(spaced(gaps, [5, 4, 4, 4, 5, 5, 5, 6, 7]))
    short, _, middle, long = result.gap_evidence
    assert (middle.count, middle.mean_enjoyment) == (3, 5.0)
    assert (long.count, long.mean_enjoyment) == (2, 6.5)
    assert not long.enough
    assert result.best_gap_bucket is middle
    assert result.gap_sentence == (
        "after gaps of 2–6 h your coffee averaged 5; after under 30 min, 4 "
        "(6 h or more (2): too few to compare yet)"
    )
    from app.ui.screens.log_view import gap_evidence

    shown = gap_evidence(result).plain.splitlines()
    row = {line.split("  ")[0].strip(): line for line in shown[1:5]}
    assert "too few (needs 3)" in row["6 h or more"]
    assert "most enjoyed" in row["2–6 h"] and "most enjoyed" not in row["6 h or more"]


@pytest.mark.parametrize(
    ("trend", "sentence"),
    [
        (  # the case that read as a contradiction: small moves, a steady verdict
            Trend(4.5, 4, 6.5, 7, 9),
            "enjoyment barely moved, 4.5 → 4 (−0.5), craving barely moved, 6.5 → 7 (+0.5) "
            "over 9 entries: holding steady (neither moved by 1 point or more)",
        ),
        (
            Trend(8, 4, 6, 5, 9),
            "enjoyment fell 8 → 4 (−4) and craving fell 6 → 5 (−1) over 9 entries: "
            "tilting toward craving (enjoyment fell further than craving)",
        ),
        (
            Trend(3, 6, 2, 3, 6),
            "enjoyment rose 3 → 6 (+3) and craving rose 2 → 3 (+1) over 6 entries: "
            "recovering (enjoyment rose further than craving)",
        ),
        (
            Trend(6, 6, 3, 3.5, 5),
            "enjoyment held at 6, craving barely moved, 3 → 3.5 (+0.5) over 5 entries: "
            "holding steady (neither moved by 1 point or more)",
        ),
    ],
)
def test_verdict_words_never_contradict_the_numbers(trend, sentence):
    assert balance.verdict_sentence(trend, trend.count) == sentence
    movement = sentence.split(": ")[0]
    if "neither moved" in sentence:  # "rose"/"fell" only for a change the verdict counts
        assert " rose " not in movement and " fell " not in movement


def test_the_log_opens_on_the_pleasure_that_most_needs_a_look():
    calm = spaced([300, 300, 300], [7, 7, 7, 7])
    tilting = [
        ex(t, e, c, name="phone", sid=2)
        for t, e, c in (
            ("2026-11-20 09:00", 8, 2),
            ("2026-11-20 10:00", 6, 5),
            ("2026-11-20 11:00", 4, 8),
        )
    ]
    analyses = balance.analyse([*calm, *tilting], BERLIN, 4)
    assert analyses[0].stimulus_name == "coffee"  # the most recent first, as tabs go
    looked = balance.needs_a_look(analyses)
    assert looked is not None and looked.stimulus_name == "phone"
    assert balance.needs_a_look(()) is None


def test_best_gap_tie_goes_to_the_shorter_gap():
    result = one(spaced([60, 60, 60, 200, 200, 200], [5, 7, 7, 7, 7, 7, 7]))
    assert result.best_gap_bucket is not None
    assert result.best_gap_bucket.bucket.label == "30 min–2 h"


@pytest.mark.parametrize(
    ("gaps", "sentence"),
    [
        ([10, 10, 10, 200], "2 more entries after a gap of 2–6 h to compare"),
        ([10, 10, 10, 200, 200], "1 more entry after a gap of 2–6 h to compare"),
        (
            [10, 400],
            "2 more entries after a gap of under 30 min and 2 more after a gap of 6 h or more"
            " to compare",
        ),
        (
            [10, 60, 60, 400],
            "1 more entry after a gap of 30 min–2 h and 2 more after a gap"
            " of 6 h or more to compare",
        ),
        (
            [400, 400],
            "1 more entry after a gap of 6 h or more and 3 after a shorter gap to compare",
        ),
        (
            [200, 200, 200],
            "every gap so far was 2–6 h: 3 entries after a shorter or longer gap would give"
            " a comparison",
        ),
    ],
)
def test_gap_sentence_says_what_is_missing(gaps, sentence):
    result = one(spaced(gaps, [6] * (len(gaps) + 1)))
    assert result.gap_sentence == sentence
    assert result.best_gap_bucket is None


# --- alerts -----------------------------------------------------------------------------


def test_later_exposure_rated_lower_than_the_first_of_its_day():
    log = [
        ex("2026-11-24 08:00", 8, 3),
        ex("2026-11-24 10:00", 8, 3),
        ex("2026-11-24 14:00", 4, 4),
        ex("2026-11-25 08:00", 5, 3),  # a new day starts fresh: not compared with yesterday
        ex("2026-11-25 09:00", 6, 3),
    ]
    (alert,) = one(log).alerts
    assert alert.kind is AlertKind.DIMINISHING
    assert alert.day == dt.date(2026, 11, 24)
    assert alert.text == "on Tue 24 Nov your 3rd coffee rated 4 against 8 for the first"


def test_several_lower_exposures_make_one_alert_per_day():
    log = [
        ex("2026-11-24 08:00", 8, 3),
        ex("2026-11-24 09:00", 6, 3),
        ex("2026-11-24 10:00", 4, 4),
        ex("2026-11-25 01:00", 3, 3),  # 01:00 still belongs to the 24th
        ex("2026-11-25 09:00", 7, 3),
        ex("2026-11-25 10:00", 6, 3),
    ]
    alerts = one(log).alerts
    assert [a.day for a in alerts] == [dt.date(2026, 11, 24), dt.date(2026, 11, 25)]
    assert alerts[0].text == (
        "on Tue 24 Nov your 2nd, 3rd and 4th coffee rated 6, 4 and 3 against 8 for the first"
    )
    assert alerts[1].text == "on Wed 25 Nov your 2nd coffee rated 6 against 7 for the first"


def test_craving_overtaking_enjoyment_is_one_alert():
    first = one([ex("2026-11-24 08:00", 7, 3), ex("2026-11-24 08:20", 7, 8)]).alerts
    assert [(a.kind, a.day) for a in first] == [(AlertKind.CRAVING_AHEAD, None)]
    assert (
        first[0].text == "craving overtook enjoyment in your latest coffee: craving 8, enjoyment 7"
    )
    run = [ex(f"2026-11-24 1{i}:00", e, c) for i, (e, c) in enumerate([(5, 6), (5, 7), (4, 7)])]
    (alert,) = [a for a in one(run).alerts if a.kind is AlertKind.CRAVING_AHEAD]
    assert alert.text == (
        "craving has been above enjoyment in your last 3 coffee entries "
        "(latest: craving 7, enjoyment 4)"
    )
    equal = one([ex("2026-11-24 08:00", 7, 3), ex("2026-11-24 09:00", 6, 6)]).alerts
    assert all(a.kind is not AlertKind.CRAVING_AHEAD for a in equal)


def test_day_words_and_ordinals():
    assert day_words(dt.date(2026, 11, 24)) == "Tue 24 Nov"
    assert day_words(dt.date(2026, 3, 1)) == "Sun 1 Mar"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "101st",
        "111th",
    ]


# --- the Track step's view of today -----------------------------------------------------


def test_falling_while_rising_and_todays_sentence():
    today = [
        ex("2026-11-24 08:00", 8, 3),
        ex("2026-11-24 09:00", 6, 4),
        ex("2026-11-24 10:00", 5, 6),
    ]
    assert falling_while_rising(today)
    assert falling_while_rising(one(today).points)
    assert falling_while_rising(list(reversed(today)))  # sorted by time inside
    assert today_trend_sentence(today) == (
        "today: enjoyment 8 → 5, craving 3 → 6 — enjoyment falling while craving rises"
    )
    flat = [ex("2026-11-24 08:00", 8, 3), ex("2026-11-24 09:00", 8, 6)]
    assert not falling_while_rising(flat)
    assert today_trend_sentence(flat) == "today: enjoyment 8 → 8, craving 3 → 6"
    assert not falling_while_rising(today[:1])
    assert today_trend_sentence(today[:1]) == "today: 1 so far (enjoyment 8, craving 3)"
    assert not falling_while_rising([])
    assert today_trend_sentence([]) == "today: none yet"


# --- numbers, NaN, purity ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (8.0, "8"),
        (7.5, "7.5"),
        (7.25, "7.3"),
        (13 / 3, "4.3"),
        (7.96, "8"),
        (10, "10"),
        (1.05, "1.1"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_round_half_up():
    assert round_half_up(2.25) == 2.3 and round_half_up(2.35) == 2.4 and round_half_up(6) == 6.0


def _floats(result) -> list[float]:
    values = []
    if result.trend is not None:
        t = result.trend
        values += [t.enjoyment_start, t.enjoyment_end, t.craving_start, t.craving_end]
    for g in result.gap_evidence:
        values += [v for v in (g.mean_enjoyment, g.mean_craving) if v is not None]
    return values


def test_no_nan_anywhere_on_random_logs():
    rng = random.Random(20261124)
    for size in range(1, 40):
        start = pendulum.datetime(2024, 10, 25, 6, tz=BERLIN)  # spans a DST change
        log = []
        for _ in range(size):
            start = start.add(minutes=rng.choice([0, 5, 29, 30, 90, 119, 120, 300, 360, 900]))
            log.append(
                Exposure(
                    next(_ids),
                    1,
                    "coffee",
                    dt.datetime.fromtimestamp(start.timestamp(), dt.UTC),
                    rng.randint(1, 10),
                    rng.randint(1, 10),
                )
            )
        result = one(log)
        assert all(math.isfinite(v) for v in _floats(result))
        texts = [result.verdict_sentence, result.gap_sentence, *(a.text for a in result.alerts)]
        for text in texts:
            assert text and "nan" not in text.lower() and "None" not in text and ".0 " not in text
        assert sum(g.count for g in result.gap_evidence) == size - 1
        assert (result.trend is None) == (size < 3)


def test_domain_modules_import_no_ui_or_database():
    root = Path(balance.__file__).parent
    for name in ("balance.py", "gaps.py", "diminishing.py", "spacing.py"):
        tree = ast.parse((root / name).read_text())
        imported = {
            (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        assert not {
            m
            for m in imported
            if m.split(".")[0] in {"textual", "sqlalchemy", "sqlmodel", "sqlite3"}
        }
