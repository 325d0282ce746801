"""The kind question for a pleasure typed for the first time: one keypress (1–9, 0 for the
tenth), answered in advance from its name ("wine" → alcohol) so enter keeps the default,
and left at "other" when the name says nothing. The person sees what was chosen and why,
and can change it; the line under it says so."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from app.domain.lexicon import recognise
from app.domain.records import StimulusKind
from app.ui.safe_text import shown
from app.ui.widgets.choice import ChoiceInput

KINDS = list(StimulusKind)


class KindChoice(Vertical):
    DEFAULT_CSS = """
    KindChoice { height: auto; display: none; }
    KindChoice #kind-told { color: $text-muted; padding: 0 1; height: auto; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.name_shown = ""
        self.touched = False  # the person picked one: a changing name no longer overrides

    def compose(self) -> ComposeResult:
        yield ChoiceInput("New — what kind is it?", [k.label for k in KINDS], id="kind-choice")
        yield Static("", id="kind-told")

    @property
    def kind(self) -> StimulusKind | None:
        """The kind for a new pleasure, or None when the question is not being asked."""
        index = self.query_one(ChoiceInput).index
        return KINDS[index] if self.display and index is not None else None

    def ask_for(self, name: str | None) -> None:
        """Show the question for a new `name` (None: the name is known or empty, hide it)."""
        self.display = name is not None
        if name is None:
            self.touched = False
            return
        found = recognise(name)
        choice = self.query_one(ChoiceInput)
        if not self.touched or name != self.name_shown:
            with self.prevent(ChoiceInput.Changed):
                choice.index = KINDS.index(found.kind if found else StimulusKind.OTHER)
        self.name_shown = name
        self._tell(found.word if found else None)

    def _tell(self, word: str | None) -> None:
        kind = self.kind or StimulusKind.OTHER
        if word is not None and not self.touched:
            text = f'"{word}" reads as {kind.label}; press 1–9 or 0 here to change it.'
        else:
            text = f"It will be saved as {kind.label}; press 1–9 or 0 here to change it."
        self.query_one("#kind-told", Static).update(shown(text))

    def on_choice_input_changed(self, event: ChoiceInput.Changed) -> None:
        if event.choice.has_focus:
            self.touched = True
        found = None if self.touched else recognise(self.name_shown)
        self._tell(found.word if found else None)
