"""`?` from home: the model in a few paragraphs, the keys, where the data lives and how to
take it out or delete it, and what teeter is not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from app.domain.safety import DEFAULT_HELP_TEXT
from app.ui.host import Hosted
from app.ui.safe_text import shown, shown_block
from app.ui.screens import help_text as text
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    pass


def paragraph(words: str) -> Content:
    """teeter's own text; `backticked` parts are commands, set apart."""
    pieces = words.split("`")
    return Content.assemble(
        *((piece, "bold $text-accent") if n % 2 else piece for n, piece in enumerate(pieces))
    )


def keys() -> Content:
    width = max(len(key) for key, _ in text.KEYS)
    return Content("\n").join(
        Content.assemble((key.rjust(width), "bold"), "  ", what) for key, what in text.KEYS
    )


def steps() -> Content:
    return Content("\n\n").join(
        Content.assemble((f"{name}:", "bold"), " ", what) for name, what in text.STEPS
    )


def commands() -> Content:
    return Content("\n").join(
        Content.assemble((command, "bold $text-accent"), "\n    ", what)
        for command, what in text.COMMANDS
    )


class HelpScreen(Screen[None], Hosted):
    BINDINGS = [
        Binding("escape,question_mark", "back", "Back", id="help-back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        with VerticalScroll(id="help-body"):
            yield from self.section(text.MODEL_TITLE, *map(paragraph, text.MODEL))
            yield from self.section(text.WORDS_TITLE, *map(paragraph, text.WORDS))
            yield from self.section(text.STEPS_TITLE, steps())
            yield from self.section(text.KEYS_TITLE, keys())
            yield from self.section(
                text.DATA_TITLE,
                Content.assemble(
                    text.DATA_FILE, "\n", shown(self.teeter.location.describe(), "bold")
                ),
                *map(paragraph, text.DATA),
                commands(),
            )
            yield from self.section(
                text.CARE_TITLE,
                *map(paragraph, text.CARE),
                Content.styled(text.HELP_TEXT_INTRO, "$text-muted"),
            )
            yield Static(shown_block(self.support_text()), id="help-support")
        yield Footer()

    def section(self, title: str, *paragraphs: Content) -> ComposeResult:
        yield Static(title, classes="help-title")
        for content in paragraphs:
            yield Static(content, classes="help-paragraph")

    def support_text(self) -> str:
        from app.storage.tables import settings

        if not self.teeter.is_open:
            return DEFAULT_HELP_TEXT
        return settings.help_text(self.journal.db)

    def on_mount(self) -> None:
        self.sub_title = "Help"
        self.query_one("#help-body").focus()

    def action_back(self) -> None:
        self.dismiss()
