"""How the stimuli screen words things: table cells and the questions it asks. Names a
person typed only ever pass through `safe_text`."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.content import Content

from app.domain.records import StimulusCounts, StimulusEntry, StimulusKind
from app.domain.wording import counted
from app.ui.safe_text import cell, shown

COLUMNS = ("Name", "Kind", "Entries", "")
KINDS = tuple(StimulusKind)

Row = tuple[Text, Text, Text, Text]


def row(entry: StimulusEntry) -> Row:
    """Every cell a `Text`: a plain string would be parsed as markup by the table, once
    per row (the kind is our own word, so it reads the same either way)."""
    stimulus = entry.stimulus
    name = cell(stimulus.name)
    if stimulus.archived:
        name.stylize("dim")
    return (
        name,
        Text(stimulus.kind.label, no_wrap=True, end=""),
        Text(str(entry.exposures), justify="right"),
        Text("archived" if stimulus.archived else "", style="dim"),
    )


def widths(rows: Iterable[Row]) -> list[int]:
    """How wide each column's cells need it (every cell is one line)."""
    widest = [0] * len(COLUMNS)
    for cells in rows:
        widest = [max(w, text.cell_len) for w, text in zip(widest, cells, strict=True)]
    return widest


def what_goes_with(counts: StimulusCounts) -> str:
    """'42 exposures, 3 timers and 1 reframe' (empty when nothing is recorded)."""
    parts = [
        counted(n, word)
        for n, word in (
            (counts.exposures, "entry"),
            (counts.timers, "timer"),
            (counts.reframes, "reframe"),
        )
        if n
    ]
    if len(parts) > 1:
        return f"{', '.join(parts[:-1])} and {parts[-1]}"
    return parts[0] if parts else ""


def delete_question(name: str, counts: StimulusCounts) -> Content:
    records = what_goes_with(counts)
    tail = f" and its {records}?" if records else "? Nothing else is recorded for it."
    parts: list[Content | str] = ["Delete ", shown(name, "bold"), tail]
    if counts.experiments:
        parts.append(f" It also leaves {counted(counts.experiments, 'experiment')}.")
    parts.append(" This cannot be undone.")
    return Content.assemble(*parts)


def deleted_message(counts: StimulusCounts) -> str:
    records = what_goes_with(counts)
    return f"Deleted with its {records}." if records else "Deleted."


def archive_message(archived: bool) -> str:
    if archived:
        return "Archived: its history stays, and it no longer appears when you pick a pleasure."
    return "Back in the pickers, with its history."


def empty_hint() -> Content:
    return Content.styled(
        "No pleasures yet. Press a to add a go-to pleasure (coffee, a feed, a snack…); "
        "logging one by name adds it too.",
        "$text-muted",
    )
