"""Names that plainly are a substance (or caffeine), so a kind never depends on the person
finding a setting: "wine", "2 beers", "Xanax", "oxy" are recognised wherever they are typed.

Matching is by whole word, ignoring case and accents, with plurals and a quantity allowed
("2 Beers", "vodkas", "3 cigs"), and never inside another word: "ginger" is not gin,
"rumba" is not rum, "Oxford" and "oxytocin" are not oxy. A few phrases cancel a word
("ginger beer", "wine gums", "alcohol-free", "decaf"), because safety that cries wolf on
every snack gets ignored. The lists are curated, not exhaustive; the kind question always
lets the person say what a thing is.

Pure: no UI, no database."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from app.domain.records import StimulusKind

Phrase = tuple[str, ...]

_ALCOHOL = """
alcohol alcoholic booze drinks drinking drunk nightcap wine prosecco champagne
cava sherry vermouth beer lager ale ipa pilsner stout cider mead vodka gin whisky whiskey
bourbon rum tequila mezcal brandy cognac absinthe schnapps soju baijiu ouzo raki grappa
limoncello liqueur sake aperol campari martini mojito negroni cocktail spritz pint sangria
margarita daiquiri
"""
_SEDATIVE = """
xanax valium klonopin ativan diazepam alprazolam clonazepam lorazepam temazepam oxazepam
chlordiazepoxide librium nitrazepam triazolam halcion etizolam bromazolam restoril benzo
benzodiazepine zolpidem ambien zopiclone eszopiclone lunesta zaleplon stilnox imovane ghb
gbl butanediol barbiturate phenobarbital phenobarbitone butalbital secobarbital
pentobarbital gabapentin neurontin pregabalin lyrica phenibut carisoprodol
"""
_OPIOID = """
oxy oxycodone oxycontin percocet perc vicodin hydrocodone norco codeine dihydrocodeine
codamol cocodamol tramadol tapentadol nucynta fentanyl heroin methadone buprenorphine
subutex suboxone morphine hydromorphone dilaudid opium opioid opiate kratom
"""
_NICOTINE = """
nicotine cigarette cig ciggy ciggie tobacco cigar cigarillo smoke smoking vape vaping
juul snus zyn shisha hookah
"""
_SUBSTANCE = """
cannabis marijuana weed hashish spliff thc cocaine amphetamine dexamphetamine meth
methamphetamine mdma ecstasy ketamine lsd psilocybin shroom adderall ritalin
methylphenidate vyvanse elvanse modafinil poppers nitrous
"""
_CAFFEINE = """
coffee espresso latte cappuccino americano macchiato mocha cortado tea matcha chai cola
pepsi caffeine redbull
"""

WORDS: dict[StimulusKind, frozenset[str]] = {
    kind: frozenset(text.split())
    for kind, text in (
        (StimulusKind.ALCOHOL, _ALCOHOL),
        (StimulusKind.SEDATIVE, _SEDATIVE),
        (StimulusKind.OPIOID, _OPIOID),
        (StimulusKind.NICOTINE, _NICOTINE),
        (StimulusKind.SUBSTANCE, _SUBSTANCE),
        (StimulusKind.CAFFEINE, _CAFFEINE),
    )
}
"""Single words, in the singular; a trailing s/es/ies is also accepted."""

PHRASES: dict[StimulusKind, tuple[Phrase, ...]] = {
    StimulusKind.ALCOHOL: (
        ("a", "drink"),
        ("glass", "of", "red"),
        ("glass", "of", "white"),
        ("glass", "of", "rose"),
        ("hard", "seltzer"),
    ),
    StimulusKind.SEDATIVE: (("sleeping", "pill"), ("sleeping", "tablet"), ("z", "drug")),
    StimulusKind.NICOTINE: (("e", "cig"), ("nicotine", "pouch")),
    StimulusKind.SUBSTANCE: (("magic", "mushroom"), ("laughing", "gas"), ("crystal", "meth")),
    StimulusKind.CAFFEINE: (
        ("energy", "drink"),
        ("red", "bull"),
        ("flat", "white"),
        ("yerba", "mate"),
        ("diet", "coke"),
    ),
}

NOT_THESE: dict[StimulusKind, tuple[Phrase, ...]] = {
    StimulusKind.ALCOHOL: (
        ("ginger", "beer"),
        ("root", "beer"),
        ("ginger", "ale"),
        ("butter", "beer"),
        ("wine", "gum"),
        ("cider", "vinegar"),
        ("gin", "rummy"),
        ("bourbon", "biscuit"),
        ("bourbon", "cream"),
        ("vodka", "sauce"),
        ("alla", "vodka"),
        ("margarita", "pizza"),
        ("pizza", "margarita"),
        ("prawn", "cocktail"),
        ("shrimp", "cocktail"),
        ("fruit", "cocktail"),
        ("energy", "drinks"),
        ("soft", "drinks"),
        ("fizzy", "drinks"),
        ("sports", "drinks"),
        ("pint", "of", "milk"),
        ("pint", "of", "water"),
    ),
}
"""Phrases whose words would otherwise match a kind: for that kind they are set aside."""

NEGATIONS: dict[StimulusKind, tuple[Phrase, ...]] = {
    StimulusKind.ALCOHOL: (
        ("alcohol", "free"),
        ("alcoholfree",),
        ("non", "alcoholic"),
        ("nonalcoholic",),
        ("no", "alcohol"),
        ("zero", "alcohol"),
        ("dealcoholised",),
        ("dealcoholized",),
        ("0", "0"),
        ("0", "percent"),
        ("virgin",),
        ("mocktail",),
    ),
    StimulusKind.NICOTINE: (
        ("nicotine", "free"),
        ("nicotinefree",),
        ("0", "mg"),
        ("no", "nicotine"),
    ),
    StimulusKind.CAFFEINE: (
        ("decaf",),
        ("decaffeinated",),
        ("caffeine", "free"),
        ("herbal",),
        ("chamomile",),
        ("rooibos",),
        ("peppermint",),
        ("mint", "tea"),
        ("fruit", "tea"),
    ),
}
"""Words that say a name is the alcohol-free (nicotine-free, caffeine-free) version."""

CARE_ORDER = (
    StimulusKind.OPIOID,
    StimulusKind.SEDATIVE,
    StimulusKind.ALCOHOL,
    StimulusKind.SUBSTANCE,
    StimulusKind.NICOTINE,
    StimulusKind.CAFFEINE,
)
"""When a name holds several ("wine and xanax"), the one whose care matters most wins."""


@dataclass(frozen=True)
class Recognised:
    """What a name was recognised as, and the word that said so (to tell the person)."""

    kind: StimulusKind
    word: str


def words_of(text: str) -> list[str]:
    """Lower-case words without accents; digits and letters apart ("2beers" → 2, beers)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.findall(r"[^\W\d_]+|\d+", plain)


def _singulars(word: str) -> tuple[str, ...]:
    forms = [word]
    if len(word) > 3 and word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if len(word) > 3 and word.endswith("es"):
        forms.append(word[:-2])
    if len(word) > 2 and word.endswith("s"):
        forms.append(word[:-1])
    return tuple(forms)


def _find(words: list[tuple[str, ...]], phrase: Phrase) -> list[int]:
    """Where `phrase` starts in `words` (each word given with its singular forms)."""
    size = len(phrase)
    return [
        i
        for i in range(len(words) - size + 1)
        if all(phrase[j] in words[i + j] for j in range(size))
    ]


def recognise(name: str) -> Recognised | None:
    """The substance class (or caffeine) a name plainly is, or None."""
    words = [_singulars(w) for w in words_of(name)]
    if not words:
        return None
    found: dict[StimulusKind, str] = {}
    for kind in CARE_ORDER:
        if any(_find(words, phrase) for phrase in NEGATIONS.get(kind, ())):
            continue
        set_aside: set[int] = set()
        for phrase in NOT_THESE.get(kind, ()):
            for start in _find(words, phrase):
                set_aside.update(range(start, start + len(phrase)))
        for phrase in PHRASES.get(kind, ()):
            starts = [s for s in _find(words, phrase) if s not in set_aside]
            if starts:
                found[kind] = " ".join(words[starts[0] + j][0] for j in range(len(phrase)))
                break
        for i, forms in enumerate(words):
            if kind not in found and i not in set_aside and WORDS[kind].intersection(forms):
                found[kind] = forms[0]
    for kind in CARE_ORDER:
        if kind in found:
            return Recognised(kind, found[kind])
    return None


def kind_before_the_split(kind: StimulusKind, name: str) -> StimulusKind:
    """The kind a stimulus gets when it comes from before kinds had substance classes
    (schema 1, export version 1): "substance" becomes its class when the name says which,
    and a name that plainly is a substance but was kept as "drink" or "other" moves to its
    class. Every other kind stays as the person chose it."""
    if kind not in (StimulusKind.SUBSTANCE, StimulusKind.DRINK, StimulusKind.OTHER):
        return kind
    found = recognise(name)
    return found.kind if found is not None and found.kind.is_substance else kind


def default_kind(name: str) -> StimulusKind:
    """The kind a new stimulus called `name` gets unless the person says otherwise."""
    found = recognise(name)
    return found.kind if found else StimulusKind.OTHER
