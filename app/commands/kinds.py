"""`--kind` for the commands that can create a stimulus (`teeter log`, `teeter timer start`),
and the line that tells the person which kind a new stimulus got and how to change it."""

from __future__ import annotations

import argparse

TYPE_CHECKING = False  # not `from typing import ...`: keep the shell commands light
if TYPE_CHECKING:
    from app.domain.records import Stimulus, StimulusKind

KIND_CHOICES = (
    "food",
    "drink",
    "caffeine",
    "screen/social",
    "alcohol",
    "sedative",
    "opioid",
    "nicotine",
    "substance",
    "other",
)
"""The stored values of `StimulusKind` (a test keeps them equal), listed here so building
the parser does not import the domain."""


def add_kind_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind",
        metavar="KIND",
        help="what it is: " + ", ".join(KIND_CHOICES) + " (drink means non-alcoholic; "
        "substance means any other drug or medicine). Default for a new one: the kind "
        "its name plainly is, else other",
    )


def parse_kind(text: str | None) -> StimulusKind | None:
    from app.cli import UsageError
    from app.domain.records import StimulusKind

    if text is None:
        return None
    wanted = text.strip().casefold()
    for kind in StimulusKind:
        if wanted in (kind.value, kind.label.casefold()):
            return kind
    raise UsageError(f"unknown kind {text!r}; choose one of: {', '.join(KIND_CHOICES)}")


def kind_told(before: Stimulus | None, after: Stimulus | None) -> str | None:
    """A line for stderr when the stimulus is new or its kind changed; None otherwise."""
    if after is None or (before is not None and before.kind is after.kind):
        return None
    if before is None:
        how = f"new, kind {after.kind.label}"
    else:
        how = f"kind changed from {before.kind.label} to {after.kind.label}"
    return f"{after.name}: {how} (change it with --kind, or with k on teeter's stimuli screen)"
