"""The one place text a person typed becomes something shown: always a `Content` (never
parsed as markup, so `[/]` or `[@click=app.quit]` appear literally and run nothing), with
control characters removed so nothing can steer the terminal."""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.content import Content

from app.domain.text import one_line, strip_controls


def fit(text: str, width: int) -> str:
    """One line, cut to `width` cells with an ellipsis, padded to exactly `width`. Cells,
    not characters: 抹茶 takes four, a combining accent none, so columns stay aligned."""
    line = one_line(text)
    if cell_len(line) > width:
        line = _first_cells(line, width - 1) + "…"
    return line + " " * (width - cell_len(line))


def _first_cells(line: str, cells: int) -> str:
    """The longest start of `line` that fits in `cells` (a wide character is not split)."""
    used = 0
    for index, char in enumerate(line):
        used += get_character_cell_size(char)
        if used > cells:
            return line[:index]
    return line


def shown(text: str, style: str = "", width: int | None = None) -> Content:
    """A person's text on one line (cut and padded to `width` when given)."""
    content = Content(fit(text, width) if width else one_line(text))
    return content.stylize(style) if style else content


def shown_block(text: str) -> Content:
    """A person's text keeping its line breaks (notes)."""
    return Content(strip_controls(text))


def cell(text: str) -> Text:
    """A person's text in a DataTable cell (tables take Rich `Text`)."""
    return Text(one_line(text), no_wrap=True, overflow="ellipsis")
