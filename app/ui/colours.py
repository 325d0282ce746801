"""The stylesheet's own variables, and what changes on a 16-colour terminal (TERM=linux, a
plain xterm): there a half-tone of the primary colour comes out black on black and themed
text a dim grey, so borders and text use the terminal's own ANSI colours instead."""

from __future__ import annotations

FEW_COLOURS = {
    "text-muted": "ansi_default",
    "text-accent": "ansi_yellow",
    "text-success": "ansi_green",
    "text-warning": "ansi_yellow",
    "text-error": "ansi_red",
    "foreground": "ansi_default",
    "text": "ansi_default",
}


def adjusted(variables: dict[str, str], *, few: bool) -> dict[str, str]:
    """The theme's variables plus teeter's: `card-border` (with its own alpha, so a card's
    frame can be a half-tone on many colours and solid on few)."""
    result = dict(variables)
    result["card-border"] = "ansi_blue" if few else variables["primary"]
    result["card-border-alpha"] = "100%" if few else "50%"
    if few:
        result.update(FEW_COLOURS)
    return result
