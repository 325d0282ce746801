"""`s` from home: the person's go-to pleasures. Add, rename and re-kind them, archive the
ones they are done with (history kept), or delete one with everything recorded for it after
a confirmation that says exactly how much that is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, OptionList, Static

from app.domain.records import Stimulus, StimulusKind
from app.domain.text import NAME_MAX, StimulusNameError
from app.storage.file.errors import StorageError
from app.storage.tables import stimuli
from app.ui.host import Hosted
from app.ui.messages import DataChanged
from app.ui.safe_text import shown
from app.ui.screens import stimuli_view as view
from app.ui.screens.confirm_screen import ConfirmScreen
from app.ui.unsaved import GuardsInput
from app.ui.widgets.dialog import Dialog, DialogScreen
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine

if TYPE_CHECKING:
    from app.storage.file.database import Database

Save = Callable[[str, StimulusKind], None]
"""Stores the form's name and kind; raises with a message the form shows to stay open."""

PROBLEMS = (StimulusNameError, stimuli.StimulusNotFound, StorageError)


class StimuliScreen(Screen[None], Hosted):
    BINDINGS = [
        Binding("a", "add", "Add", id="stimuli-add"),
        Binding("r", "rename", "Rename", id="stimuli-rename"),
        Binding("k", "kind", "Kind", id="stimuli-kind"),
        Binding("x", "archive(True)", "Archive", id="stimuli-archive"),
        Binding("x", "archive(False)", "Unarchive", id="stimuli-unarchive"),
        Binding("d", "delete", "Delete", id="stimuli-delete"),
        Binding("escape", "back", "Back", id="stimuli-back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.listed: dict[int, Stimulus] = {}

    @property
    def db(self) -> Database:
        return self.journal.db

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        with Vertical(id="stimuli-body"):
            yield DataTable(id="stimuli-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="stimuli-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Stimuli"
        table = self.query_one(DataTable)
        for label in view.COLUMNS:
            table.add_column(label, key=label or "status")
        self.reload()

    def on_data_changed(self, _: DataChanged) -> None:
        self.reload()

    def reload(self, select: int | None = None) -> None:
        table = self.query_one(DataTable)
        keep = select if select is not None else self.current_id()
        table.clear()
        entries = stimuli.list_all(self.db)
        self.listed = {entry.stimulus.id: entry.stimulus for entry in entries}
        for entry in entries:
            table.add_row(*view.row(entry), key=str(entry.stimulus.id))
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        hint = self.query_one("#stimuli-hint", Static)
        hint.update(view.empty_hint() if not entries else "")
        hint.display = not entries
        self.refresh_bindings()

    def current_id(self) -> int | None:
        found = self.query(DataTable)
        table = found.first() if found else None
        if table is None or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def current(self) -> Stimulus | None:
        """The highlighted stimulus as last listed (a reload follows every change)."""
        stimulus_id = self.current_id()
        return self.listed.get(stimulus_id) if stimulus_id is not None else None

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("rename", "kind", "delete", "archive"):
            stimulus = self.current()
            if stimulus is None:
                return False if action == "archive" and parameters == (False,) else None
            if action == "archive":
                return stimulus.archived != parameters[0]
        return True

    # --- actions ----------------------------------------------------------------------
    def action_add(self) -> None:
        def save(name: str, kind: StimulusKind) -> None:
            created = stimuli.create(self.db, name, kind, self.journal.now())
            self.changed(created.id, Content.assemble("Added ", shown(created.name)))

        self.app.push_screen(StimulusFormScreen("Add a pleasure", save))

    def action_rename(self) -> None:
        stimulus = self.current()
        if stimulus is None:
            return

        def save(name: str, _kind: StimulusKind) -> None:
            renamed = stimuli.rename(self.db, stimulus.id, name)
            note = Content.assemble("Renamed to ", shown(renamed.name), "; its history came along")
            self.changed(renamed.id, note)

        title = Content.assemble("Rename ", shown(stimulus.name))
        form = StimulusFormScreen(title, save, name=stimulus.name, kind=stimulus.kind)
        self.app.push_screen(form.only_name())

    def action_kind(self) -> None:
        stimulus = self.current()
        if stimulus is None:
            return

        def save(_name: str, kind: StimulusKind) -> None:
            stimuli.set_kind(self.db, stimulus.id, kind)
            self.changed(stimulus.id, Content.assemble(shown(stimulus.name), f" is {kind.label}"))

        title = Content.assemble("What kind of pleasure is ", shown(stimulus.name), "?")
        form = StimulusFormScreen(title, save, name=stimulus.name, kind=stimulus.kind)
        self.app.push_screen(form.only_kind())

    def action_archive(self, archived: bool) -> None:
        stimulus = self.current()
        if stimulus is None or stimulus.archived == archived:
            return
        try:
            stimuli.set_archived(self.db, stimulus.id, archived)
        except PROBLEMS as error:
            self.problem(str(error))
            return
        if not archived:
            self.changed(stimulus.id, Content(view.archive_message(archived)))
            return
        self.changed(stimulus.id, None)
        db = self.db

        def take_back() -> str:
            stimuli.set_archived(db, stimulus.id, False)
            return view.archive_message(False)

        self.teeter.keep_undo(stimulus.name, view.archive_message(True), take_back)

    def action_delete(self) -> None:
        stimulus = self.current()
        if stimulus is None:
            return
        counts = stimuli.counts(self.db, stimulus.id)

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                deleted = stimuli.delete(self.db, stimulus.id, expected=counts)
            except stimuli.CountsChanged:
                self.problem(
                    f"Something was recorded for {stimulus.name} meanwhile, so nothing was "
                    "deleted. Press d again to see the new count."
                )
                self.reload()
                return
            except PROBLEMS as error:
                self.problem(str(error))
                return
            self.teeter.notify(view.deleted_message(deleted), title=stimulus.name, markup=False)
            self.changed(None, None)

        question = view.delete_question(stimulus.name, counts)
        self.app.push_screen(
            ConfirmScreen(question, title="Delete for good?", confirm="Delete", danger=True),
            answered,
        )

    def action_back(self) -> None:
        self.dismiss()

    def changed(self, stimulus_id: int | None, note: Content | None) -> None:
        self.reload(select=stimulus_id)
        if note is not None:
            self.teeter.notify(note.plain, markup=False)
        self.teeter.data_changed()

    def problem(self, message: str) -> None:
        self.teeter.notify(message, severity="error", markup=False)


class StimulusFormScreen(GuardsInput, DialogScreen[bool]):
    """A name, a kind, or both. Saving runs `save`; an error keeps the form open."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="stimulus-form-cancel")]

    def __init__(
        self,
        title: Content | str,
        save: Save,
        *,
        name: str = "",
        kind: StimulusKind = StimulusKind.OTHER,
    ) -> None:
        super().__init__()
        self.title_content = title if isinstance(title, Content) else Content(title)
        self.save = save
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
        name = self.query_one(Input).value if self.ask_name else self.name_value
        kind = self.kind
        if self.ask_kind:
            highlighted = self.query_one(OptionList).highlighted
            kind = view.KINDS[highlighted] if highlighted is not None else self.kind
        try:
            self.save(name, kind)
        except PROBLEMS as error:
            message = str(error)
            self.query_one("#form-error", MessageLine).say(message[:1].upper() + message[1:])
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.leave_or_ask(lambda: self.dismiss(False))
