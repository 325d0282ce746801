"""Text a person typed is data. It is shown verbatim (never as markup, see
`app.ui.safe_text`) and control characters never reach the terminal."""

from __future__ import annotations

import unicodedata

NAME_MAX = 60
NOTE_MAX = 2000


class StimulusNameError(ValueError):
    """A stimulus name that cannot be used."""


def strip_controls(text: str) -> str:
    """The one sanitiser for text that may reach a terminal: drops every control and format
    character (C0 and C1 controls, so no escape sequence, OSC 52 or title change; bidi
    overrides and isolates, so no text that reads backwards; lone surrogates; unassigned
    code points), keeps newlines, turns tabs into spaces. Domain records apply it to every
    text they hold, whatever the source (typed, imported, or a poisoned file)."""
    if text.isprintable():  # the usual case, decided in C
        return text
    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif char == "\n" or unicodedata.category(char)[0] != "C":
            out.append(char)
    return "".join(out)


def one_line(text: str) -> str:
    """A single-line form: controls dropped, newlines turned into spaces."""
    return strip_controls(text).replace("\n", " ")


def clean_name(text: str) -> str:
    """A stimulus name as stored: one line, trimmed, inner runs of spaces kept as typed."""
    name = one_line(text).strip()
    if not name:
        raise StimulusNameError("a stimulus needs a name")
    if len(name) > NAME_MAX:
        raise StimulusNameError(f"a stimulus name is at most {NAME_MAX} characters")
    return name


def clean_note(text: str | None) -> str:
    note = strip_controls(text or "").strip()
    if len(note) > NOTE_MAX:
        raise ValueError(f"a note is at most {NOTE_MAX} characters")
    return note


def name_key(name: str) -> str:
    """The form used to compare names: case and Unicode case-folding ignored."""
    return unicodedata.normalize("NFC", name).casefold()
