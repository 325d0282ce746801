"""The one place text a person typed becomes something shown: always a `Content` (never
parsed as markup, so `[/]` or `[@click=app.quit]` appear literally and run nothing), with
control characters removed so nothing can steer the terminal."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from app.domain import wording
from app.domain.text import one_line, strip_controls


def fit(text: str, width: int) -> str:
    """One line, cut to `width` cells with an ellipsis, padded to exactly `width` (see
    `app.domain.wording.fit`: cells, not characters, so columns stay aligned)."""
    return wording.fit(one_line(text), width)


def shown(text: str, style: str = "", width: int | None = None) -> Content:
    """A person's text on one line (cut and padded to `width` when given)."""
    content = Content(fit(text, width) if width else one_line(text))
    return content.stylize(style) if style else content


def shown_block(text: str) -> Content:
    """A person's text keeping its line breaks (notes)."""
    return Content(strip_controls(text))


def cell(text: str, width: int | None = None) -> Text:
    """A person's text in a DataTable cell (tables take Rich `Text`), cut to `width` cells
    when given."""
    line = one_line(text)
    return Text(wording.cut(line, width) if width else line, no_wrap=True, overflow="ellipsis")
