"""Spacing suggestions come from the person's own gap evidence, and never for a substance."""

from __future__ import annotations

import datetime as dt
import itertools

import pendulum
import pytest

from app.domain.balance import analyse_stimulus
from app.domain.records import Exposure, StimulusKind
from app.domain.spacing import SUGGESTED_INTERVALS, Suggestion, suggest_interval

BERLIN = pendulum.timezone("Europe/Berlin")
_ids = itertools.count(1)


def log(gaps_minutes: list[int], enjoyments: list[int], name: str = "coffee"):
    """An analysis of a log whose consecutive gaps are the given minutes."""
    moment = pendulum.datetime(2026, 11, 20, 8, tz=BERLIN)
    exposures = []
    for gap, enjoyment in zip([0, *gaps_minutes], enjoyments, strict=True):
        moment = moment.add(minutes=gap)
        instant = dt.datetime.fromtimestamp(moment.timestamp(), dt.UTC)
        exposures.append(Exposure(next(_ids), 1, name, instant, enjoyment, 3))
    return analyse_stimulus(exposures, BERLIN, 4)


SHORT, HOUR, HOURS, LONG = 10, 60, 200, 400  # one gap from each bucket, in minutes


@pytest.mark.parametrize(
    ("best", "interval", "label"),
    [
        (HOUR, dt.timedelta(hours=1), "30 min–2 h"),
        (HOURS, dt.timedelta(hours=2), "2–6 h"),
        (LONG, dt.timedelta(hours=6), "6 h or more"),
    ],
)
def test_suggests_the_best_bucket(best, interval, label):
    analysis = log([SHORT] * 3 + [best] * 3, [6, 4, 5, 4, 8, 7, 8])
    suggestion = suggest_interval(analysis, StimulusKind.CAFFEINE)
    assert suggestion == Suggestion(interval, suggestion.bucket, suggestion.reason)
    assert suggestion.bucket.label == label
    assert (
        suggestion.reason
        == f"your coffee averaged 7.7 after gaps of {label} (4.3 after under 30 min)"
    )


def test_reason_compares_with_the_lowest_full_group():
    analysis = log([SHORT] * 3 + [HOUR] * 3 + [HOURS] * 3, [6, 5, 5, 5, 3, 3, 4, 8, 8, 7])
    suggestion = suggest_interval(analysis, StimulusKind.FOOD)
    assert suggestion is not None and suggestion.interval == dt.timedelta(hours=2)
    assert (
        suggestion.reason == "your coffee averaged 7.7 after gaps of 2–6 h (3.3 after 30 min–2 h)"
    )


def test_short_gaps_rating_best_suggest_nothing():
    analysis = log([SHORT] * 3 + [LONG] * 3, [6, 8, 8, 8, 4, 4, 4])
    assert analysis.best_gap_bucket is not None
    assert suggest_interval(analysis, StimulusKind.OTHER) is None


def test_not_enough_data_suggests_nothing():
    assert suggest_interval(log([], [7]), StimulusKind.OTHER) is None
    only_one_full_group = log([HOURS] * 4, [7, 8, 8, 8, 8])
    assert suggest_interval(only_one_full_group, StimulusKind.OTHER) is None
    two_short = log([SHORT] * 3 + [LONG] * 2, [6, 4, 4, 4, 8, 8])
    assert suggest_interval(two_short, StimulusKind.OTHER) is None


def test_never_for_a_substance():
    analysis = log([SHORT] * 3 + [LONG] * 3, [6, 4, 4, 4, 8, 8, 8])
    assert suggest_interval(analysis, StimulusKind.SCREEN) is not None
    assert suggest_interval(analysis, StimulusKind.SUBSTANCE) is None


def test_no_interval_for_the_shortest_bucket():
    assert set(SUGGESTED_INTERVALS) == {"30m_2h", "2h_6h", "6h_plus"}
    assert all(v >= dt.timedelta(minutes=30) for v in SUGGESTED_INTERVALS.values())
