"""Text a person typed is data: never markup, never a terminal control, never a crash.

Property tests feed arbitrary text (markup-like tags, closing tags without openers, actions,
links, a trailing backslash, escape sequences, bells, carriage returns, wide and combining
characters, lone surrogates from a badly encoded shell argument, 10,000-character strings)
through the one place text becomes displayable (`app.ui.safe_text`) and through the cleaning
in `app.domain.text`. What comes out is exactly what went in, minus control and format
characters, and carries no style, action or link."""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.content import Content

from app.domain.text import (
    NAME_MAX,
    NOTE_MAX,
    StimulusNameError,
    clean_name,
    clean_note,
    one_line,
    strip_controls,
)
from app.ui.safe_text import cell, fit, shown, shown_block

NASTY = [
    "[",
    "]",
    "[b]",
    "[/]",
    "[/",
    "[/b]",
    "[@click=app.quit]x",
    "[@click=app.bell]",
    "[link=https://example.com]y",
    "[link='file:///etc/passwd']",
    "[red on blue]",
    "[$accent]",
    "\\",
    "\\[b]",
    "\x1b[31m",
    "\x1b]8;;https://example.com\x1b\\",
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\x9b31m",  # a C1 control sequence introducer
    "\x07",
    "\r",
    "\n",
    "\t",
    "\x00",
    "\x7f",
    "\x08",
    "\u200b",
    "\u200d",
    "\u202e",  # right-to-left override
    "\u2066",
    "\ufeff",
    "\u2028",
    "界",
    "抹茶",
    "😀",
    "👨\u200d👩\u200d👧",
    "e\u0301",
    "\u0301",
    "\U0001f3fb",
    "\ufe0f",
    "\ud800",  # a lone surrogate (how Python reads a badly encoded argument)
    "\udcff",
    "{}",
    "%s",
    "$",
    "coffee",
    " ",
]
EXAMPLES_TRIED: dict[str, int] = {}


def nasty_text() -> st.SearchStrategy[str]:
    pieces = st.lists(st.sampled_from(NASTY), max_size=12).map("".join)
    long = st.tuples(st.sampled_from(NASTY), st.integers(1_000, 10_000)).map(
        lambda pair: (pair[0] * pair[1])[:10_000]
    )
    mixed = st.lists(st.one_of(pieces, st.text(max_size=30)), max_size=6).map("".join)
    return st.one_of(st.text(), pieces, mixed, long)


def controls_removed(text: str, keep_newlines: bool) -> str:
    """The oracle, written apart from the code under test: tabs become spaces, newlines stay
    (notes) or become spaces (one line), every other control or format character goes."""
    out = []
    for char in text:
        if char == "\t" or (char == "\n" and not keep_newlines):
            out.append(" ")
        elif char == "\n" or unicodedata.category(char)[0] != "C":
            out.append(char)
    return "".join(out)


def count(name: str) -> None:
    EXAMPLES_TRIED[name] = EXAMPLES_TRIED.get(name, 0) + 1


def assert_no_controls(text: str) -> None:
    assert not any(unicodedata.category(c)[0] == "C" and c != "\n" for c in text), repr(text)


def assert_plain_content(content: Content, style: str = "") -> None:
    """No span a person's text could have produced: at most the caller's own style."""
    assert all(str(span.style) == style for span in content.spans), content.spans
    assert "@click" not in repr(content.spans) and "link" not in repr(content.spans)


def printed(renderable: object) -> str:
    """What a terminal would receive, with colours on: nothing beyond the text itself."""
    console = Console(
        file=io.StringIO(), width=20_000, color_system="truecolor", force_terminal=True
    )
    console.print(renderable, end="", soft_wrap=True)
    return console.file.getvalue().removesuffix("\n")  # type: ignore[attr-defined]


FAST = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(nasty_text())
def test_one_line_and_shown_are_the_text_minus_controls(text: str) -> None:
    count("one_line/shown")
    expected = controls_removed(text, keep_newlines=False)
    assert one_line(text) == expected
    content = shown(text)
    assert content.plain == expected
    assert_plain_content(content)
    styled = shown(text, style="bold")
    assert styled.plain == expected
    assert_plain_content(styled, "bold" if expected else "")


@FAST
@given(nasty_text())
def test_shown_block_keeps_line_breaks_and_nothing_else(text: str) -> None:
    count("shown_block")
    expected = controls_removed(text, keep_newlines=True)
    assert strip_controls(text) == expected
    content = shown_block(text)
    assert content.plain == expected
    assert_plain_content(content)


@FAST
@given(nasty_text())
def test_table_cells_are_plain_text(text: str) -> None:
    count("cell")
    expected = controls_removed(text, keep_newlines=False)
    value = cell(text)
    assert isinstance(value, Text)
    assert value.plain == expected
    assert value.spans == [] and not value.style
    out = printed(value)
    assert "\x1b]8" not in out  # no hyperlink
    assert out == expected or "\x1b" not in expected


@FAST
@given(nasty_text(), st.integers(2, 80))
def test_fitted_text_fills_exactly_its_cells(text: str, width: int) -> None:
    count("fit")
    line = fit(text, width)
    assert cell_len(line) == width, (line, width)
    assert_no_controls(line)
    expected = controls_removed(text, keep_newlines=False)
    if cell_len(expected) <= width:
        assert line.rstrip(" ") == expected.rstrip(" ")
    else:
        kept = line.rstrip(" ")
        assert kept.endswith("…") and expected.startswith(kept[:-1])
    content = shown(text, width=width)
    assert content.plain == line
    assert_plain_content(content)


@FAST
@given(nasty_text())
def test_clean_name_is_one_clean_line_or_a_clear_refusal(text: str) -> None:
    count("clean_name")
    expected = controls_removed(text, keep_newlines=False).strip()
    try:
        name = clean_name(text)
    except StimulusNameError as error:
        assert not expected or len(expected) > NAME_MAX, error
        return
    assert name == expected and 0 < len(name) <= NAME_MAX


@FAST
@given(nasty_text())
def test_clean_note_keeps_lines_and_refuses_only_length(text: str) -> None:
    count("clean_note")
    expected = controls_removed(text, keep_newlines=True).strip()
    try:
        note = clean_note(text)
    except ValueError as error:
        assert len(expected) > NOTE_MAX, error
        return
    assert note == expected


@pytest.mark.parametrize(
    "text",
    NASTY + ["".join(NASTY), "[/]" * 3334, "x" * 9_999 + "\\"],
    ids=lambda text: f"{len(text)}:{text[:12].encode('unicode_escape').decode()}",
)
def test_markup_never_renders_as_style_or_action(text: str) -> None:
    """What the terminal receives for a shown text holds no escape the text brought."""
    count("printed")
    expected = controls_removed(text, keep_newlines=False)
    out = printed(shown(text))
    assert out == expected, (out[:200], expected[:200])


def test_report_examples_tried() -> None:
    """Runs last in this module: prints how many strings each property saw (pytest -s)."""
    print(
        "text: examples tried per property", EXAMPLES_TRIED, "total", sum(EXAMPLES_TRIED.values())
    )
