"""The name lexicon: what plainly is a substance (or caffeine) by name, in both directions.
A miss means a person gets no word of care; a false alarm on "ginger" teaches them to
ignore it. Both are tested."""

from __future__ import annotations

import pytest

from app.domain.lexicon import default_kind, kind_before_the_split, recognise, words_of
from app.domain.records import StimulusKind

ALCOHOL = StimulusKind.ALCOHOL
SEDATIVE = StimulusKind.SEDATIVE
OPIOID = StimulusKind.OPIOID
NICOTINE = StimulusKind.NICOTINE
SUBSTANCE = StimulusKind.SUBSTANCE
CAFFEINE = StimulusKind.CAFFEINE

RECOGNISED = [
    # alcohol and common drinks
    ("wine", ALCOHOL),
    ("Red wine", ALCOHOL),
    ("beer", ALCOHOL),
    ("2 beers", ALCOHOL),
    ("2beers", ALCOHOL),
    ("VODKA", ALCOHOL),
    ("vodkas", ALCOHOL),
    ("gin", ALCOHOL),
    ("gin & tonic", ALCOHOL),
    ("whisky", ALCOHOL),
    ("whiskey", ALCOHOL),
    ("rum", ALCOHOL),
    ("cider", ALCOHOL),
    ("sake", ALCOHOL),
    ("tequila shots", ALCOHOL),
    ("a drink", ALCOHOL),
    ("drinks", ALCOHOL),
    ("Friday drinks", ALCOHOL),
    ("glass of red", ALCOHOL),
    ("glass of rosé", ALCOHOL),
    ("Crémant cocktail", ALCOHOL),
    ("pint", ALCOHOL),
    ("3 pints", ALCOHOL),
    # benzodiazepines, z-drugs and other sedatives
    ("Xanax", SEDATIVE),
    ("valium", SEDATIVE),
    ("Klonopin", SEDATIVE),
    ("ativan", SEDATIVE),
    ("diazepam 5mg", SEDATIVE),
    ("alprazolam", SEDATIVE),
    ("zolpidem", SEDATIVE),
    ("Ambien", SEDATIVE),
    ("benzos", SEDATIVE),
    ("sleeping pills", SEDATIVE),
    ("GHB", SEDATIVE),
    ("gbl", SEDATIVE),
    ("phenobarbital", SEDATIVE),
    ("gabapentin", SEDATIVE),
    ("pregabalin", SEDATIVE),
    ("Lyrica", SEDATIVE),
    # opioids
    ("oxy", OPIOID),
    ("Oxys", OPIOID),
    ("OxyContin", OPIOID),
    ("percocet", OPIOID),
    ("Vicodin", OPIOID),
    ("codeine", OPIOID),
    ("co-codamol", OPIOID),
    ("tramadol", OPIOID),
    ("fentanyl", OPIOID),
    ("heroin", OPIOID),
    ("methadone", OPIOID),
    ("kratom", OPIOID),
    # nicotine
    ("cigarettes", NICOTINE),
    ("3 cigs", NICOTINE),
    ("vape", NICOTINE),
    ("snus", NICOTINE),
    ("nicotine pouches", NICOTINE),
    ("e-cig", NICOTINE),
    # other substances
    ("weed", SUBSTANCE),
    ("cannabis", SUBSTANCE),
    ("cocaine", SUBSTANCE),
    ("Adderall", SUBSTANCE),
    ("magic mushrooms", SUBSTANCE),
    # caffeine (a default, not a safety matter)
    ("coffee", CAFFEINE),
    ("2 espressos", CAFFEINE),
    ("energy drinks", CAFFEINE),
    ("Red Bull", CAFFEINE),
    ("green tea", CAFFEINE),
]

NOT_RECOGNISED = [
    "ginger",
    "gingerbread",
    "rumba",
    "rummy",
    "gin rummy",
    "Oxford",
    "oxytocin",
    "oxygen",
    "begin",
    "engine",
    "ginger beer",
    "root beer",
    "ginger ale",
    "wine gums",
    "cider vinegar",
    "alcohol-free beer",
    "non-alcoholic wine",
    "0.0 lager",
    "virgin mojito",
    "nicotine-free vape",
    "decaf coffee",
    "herbal tea",
    "chocolate",
    "phone",
    "Instagram",
    "hash browns",
    "prawn cocktail",
    "pizza margarita",
    "soft drinks",
    "running",
    "[b]x[/b]",
    "",
]


@pytest.mark.parametrize(("name", "kind"), RECOGNISED)
def test_recognised(name: str, kind: StimulusKind) -> None:
    found = recognise(name)
    assert found is not None, name
    assert found.kind is kind
    assert default_kind(name) is kind


@pytest.mark.parametrize("name", NOT_RECOGNISED)
def test_not_recognised(name: str) -> None:
    assert recognise(name) is None
    assert default_kind(name) is StimulusKind.OTHER


def test_the_word_that_said_so_is_given_back() -> None:
    assert recognise("2 Beers").word == "beers"  # type: ignore[union-attr]
    assert recognise("my Sleeping Pills").word == "sleeping pills"  # type: ignore[union-attr]


def test_the_most_careful_class_wins_when_a_name_holds_several() -> None:
    assert recognise("wine and xanax").kind is SEDATIVE  # type: ignore[union-attr]
    assert recognise("oxy with a beer").kind is OPIOID  # type: ignore[union-attr]
    assert recognise("coffee and a cigarette").kind is NICOTINE  # type: ignore[union-attr]
    assert recognise("ginger beer and rum").kind is ALCOHOL  # type: ignore[union-attr]


def test_words_ignore_case_and_accents_and_split_digits() -> None:
    assert words_of("Crème BRÛLÉE 2x") == ["creme", "brulee", "2", "x"]
    assert words_of("抹茶 latte") == ["抹茶", "latte"]


@pytest.mark.parametrize(
    ("kind", "name", "after"),
    [
        (StimulusKind.SUBSTANCE, "wine", ALCOHOL),
        (StimulusKind.SUBSTANCE, "something", SUBSTANCE),
        (StimulusKind.DRINK, "beer", ALCOHOL),
        (StimulusKind.DRINK, "ginger beer", StimulusKind.DRINK),
        (StimulusKind.OTHER, "xanax", SEDATIVE),
        (StimulusKind.OTHER, "coffee", StimulusKind.OTHER),  # only substances move
        (StimulusKind.FOOD, "rum cake", StimulusKind.FOOD),  # a chosen kind stays
        (StimulusKind.CAFFEINE, "coffee", CAFFEINE),
    ],
)
def test_kinds_from_before_the_split(kind: StimulusKind, name: str, after: StimulusKind) -> None:
    assert kind_before_the_split(kind, name) is after
