"""The small form the Stimuli screen asks a name, a kind, or both with. Its save runs off
the event loop: the file may be busy for seconds, and the form says so while it waits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from app.domain.records import StimulusKind
from app.domain.text import NAME_MAX
from app.storage.file.errors import StorageError
from app.ui.background import STILL_SAVING, attempt, in_background
from app.ui.leaving import LeavesWhenOnTop
from app.ui.safe_text import shown
from app.ui.screens import stimuli_view as view
from app.ui.unsaved import GuardsInput
from app.ui.widgets.dialog import Dialog, DialogScreen
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine

Save = Callable[[str, StimulusKind], Any]
"""Stores the form's name and kind, in a worker thread (the file may be busy); raises a
ValueError or LookupError with a message the form shows to stay open. It may be called again
on the same form (the person changed it while the first save waited, and saves that too):
then it changes what the first call made, never makes a second one."""

CHANGED_MEANWHILE = (
    "Saved as it was when you pressed enter. You changed it since: enter saves the change "
    "too, escape leaves it as saved."
)


class StimulusFormScreen(LeavesWhenOnTop, GuardsInput, DialogScreen[bool]):
    """A name, a kind, or both. Saving runs `save` off the loop, then `kept` with what it
    returned; an error keeps the form open and says why on its message line."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="stimulus-form-cancel")]

    def __init__(
        self,
        title: Content | str,
        save: Save,
        kept: Callable[[Any], None],
        *,
        name: str = "",
        kind: StimulusKind = StimulusKind.OTHER,
    ) -> None:
        super().__init__()
        self.title_content = title if isinstance(title, Content) else Content(title)
        self.save = save
        self.kept = kept
        self.saving = False
        self.name_value = name
        self.kind = kind
        self.ask_name = True
        self.ask_kind = True

    def only_name(self) -> StimulusFormScreen:
        self.ask_kind = False
        return self

    def only_kind(self) -> StimulusFormScreen:
        self.ask_name = False
        return self

    def compose(self) -> ComposeResult:
        with Dialog(id="stimulus-form"):
            yield Static(self.title_content, classes="step-progress")
            if self.ask_name:
                yield Static("Name", classes="field-label")
                yield Input(self.name_value, id="stimulus-name", max_length=NAME_MAX, compact=True)
            if self.ask_kind:
                yield Static("Kind", classes="field-label")
                yield OptionList(
                    *(kind.label for kind in view.KINDS), id="stimulus-kind", compact=True
                )
                yield Static("", id="stimulus-kind-told", classes="step-intro")
            yield MessageLine(id="form-error")
            yield Static("enter saves · escape cancels", classes="step-intro")
        yield Footer()

    def on_mount(self) -> None:
        if self.ask_kind:
            options = self.query_one(OptionList)
            options.highlighted = view.KINDS.index(self.kind)
            options.focus()
        if self.ask_name:
            self.query_one(Input).focus()
        self.call_after_refresh(self.mark_saved)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Adding: the kind follows what the name plainly is ("wine" → alcohol), and the
        person is told so; they can still pick another before saving."""
        if not (self.ask_name and self.ask_kind):
            return
        from app.domain.lexicon import recognise

        found = recognise(event.value)
        kind = found.kind if found else self.kind
        self.query_one(OptionList).highlighted = view.KINDS.index(kind)
        told = f'"{found.word}" reads as {kind.label}; pick another if it is not.' if found else ""
        self.query_one("#stimulus-kind-told", Static).update(shown(told))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        if self.saving:
            return  # the first press is being saved; a second must not save it twice
        name, kind = self.chosen()
        save, typed = self.save, self.form_values()
        self.saving = True
        in_background(
            self,
            attempt(lambda: save(name, kind)),
            lambda result: self._saved(result, (name, kind), typed),
            self._failed,
            group="stimulus-form",
            waiting=self.say,
        )

    def chosen(self) -> tuple[str, StimulusKind]:
        """The name and kind as the form holds them now."""
        name = self.query_one(Input).value if self.ask_name else self.name_value
        kind = self.kind
        if self.ask_kind:
            highlighted = self.query_one(OptionList).highlighted
            kind = view.KINDS[highlighted] if highlighted is not None else self.kind
        return name, kind

    def _saved(
        self, result: object, sent: tuple[str, StimulusKind], typed: dict[str, object]
    ) -> None:
        self.saving = False
        if isinstance(result, LookupError | ValueError):
            self.say(str(result))
            return
        self.kept(result)
        self.mark_saved(typed)
        if self.chosen() != sent:  # typed or picked while the save waited: never dropped
            self.say(CHANGED_MEANWHILE)
            return
        self.leave_when_on_top(True)

    def _failed(self, error: StorageError) -> None:
        self.saving = False
        self.say(str(error))

    def say(self, message: str) -> None:
        self.query_one("#form-error", MessageLine).say(message[:1].upper() + message[1:])

    def action_cancel(self) -> None:
        if self.saving:  # the change may still land: say so rather than pretend it was dropped
            self.say(STILL_SAVING)
            return
        self.leave_or_ask(lambda: self.dismiss(False))
