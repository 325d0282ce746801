"""`s` from home: the person's go-to pleasures. Add, rename and re-kind them, archive the
ones they are done with (history kept), or delete one with everything recorded for it after
a confirmation that says exactly how much that is."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from app.domain.records import Stimulus, StimulusCounts, StimulusKind
from app.storage.file.errors import StorageError
from app.storage.tables import stimuli
from app.ui.background import STILL_SAVING, attempt, in_background
from app.ui.host import Hosted
from app.ui.messages import DataChanged
from app.ui.safe_text import shown
from app.ui.screens import stimuli_view as view
from app.ui.screens.confirm_screen import ConfirmScreen
from app.ui.screens.stimulus_form import StimulusFormScreen
from app.ui.widgets.footer import Footer
from app.ui.widgets.message_line import MessageLine

if TYPE_CHECKING:
    from app.storage.file.database import Database


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
        self.writing = False  # a change is on its way to the file: no second one meanwhile
        self.filling = 0  # counts reloads: the rows of an earlier one stop arriving

    @property
    def db(self) -> Database:
        return self.journal.db

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        with Vertical(id="stimuli-body"):
            yield DataTable(id="stimuli-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="stimuli-hint")
        yield MessageLine(id="stimuli-status", classes="step-error")  # waiting, or why not
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
        self.filling += 1  # rows still on their way from an earlier reload are not wanted
        entries = stimuli.list_all(self.db)
        self.listed = {entry.stimulus.id: entry.stimulus for entry in entries}
        rows = [(view.row(entry), str(entry.stimulus.id)) for entry in entries]
        # A table measures every cell it is given before it draws: 500 pleasures took nearly
        # three times as long to show as five. So the first screenful (down to the row to
        # select) goes in now, the rest once that is drawn, and each column is as wide as its
        # widest cell from the start, so nothing shifts when the rest arrive.
        for column, width in zip(
            table.ordered_columns, view.widths(row for row, _ in rows), strict=True
        ):
            column.content_width = max(column.content_width, width)
        at = next((n for n, (_, key) in enumerate(rows) if key == str(keep)), 0)
        split = at + self.app.size.height  # more rows than the terminal can show at once
        self.add_rows(rows[:split])
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)))
        if rows[split:]:
            self.call_after_refresh(self.add_rows, rows[split:], self.filling)
        hint = self.query_one("#stimuli-hint", Static)
        hint.update(view.empty_hint() if not entries else "")
        hint.display = not entries
        self.refresh_bindings()

    def add_rows(self, rows: list[tuple[view.Row, str]], filling: int | None = None) -> None:
        if filling is not None and filling != self.filling:
            return
        table = self.query_one(DataTable)
        for cells, key in rows:
            table.add_row(*cells, key=key)

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
    # Every change is written off the event loop (the file may be busy for seconds): the
    # form, or this screen's status line, says it is waiting, and the keys keep working.
    def action_add(self) -> None:
        db, now = self.db, self.journal.now()
        added: list[Stimulus] = []  # once added, saving the form again changes that one
        first = True

        def save(name: str, kind: StimulusKind) -> Stimulus:
            if added:
                return stimuli.rename(db, added[0].id, name, kind)
            added.append(stimuli.create(db, name, kind, now))
            return added[0]

        def kept(stimulus: Stimulus) -> None:
            nonlocal first
            verb, first = ("Added " if first else "Changed to "), False
            self.changed(stimulus.id, Content.assemble(verb, shown(stimulus.name)))

        self.app.push_screen(StimulusFormScreen("Add a pleasure", save, kept))

    def action_rename(self) -> None:
        stimulus = self.current()
        if stimulus is None:
            return
        db = self.db

        def kept(renamed: Stimulus) -> None:
            note = Content.assemble("Renamed to ", shown(renamed.name), "; its history came along")
            self.changed(renamed.id, note)

        title = Content.assemble("Rename ", shown(stimulus.name))
        form = StimulusFormScreen(
            title,
            lambda name, _kind: stimuli.rename(db, stimulus.id, name),
            kept,
            name=stimulus.name,
            kind=stimulus.kind,
        )
        self.app.push_screen(form.only_name())

    def action_kind(self) -> None:
        stimulus = self.current()
        if stimulus is None:
            return
        db = self.db

        def save(_name: str, kind: StimulusKind) -> StimulusKind:
            stimuli.set_kind(db, stimulus.id, kind)
            return kind

        def kept(kind: StimulusKind) -> None:
            self.changed(stimulus.id, Content.assemble(shown(stimulus.name), f" is {kind.label}"))

        title = Content.assemble("What kind of pleasure is ", shown(stimulus.name), "?")
        form = StimulusFormScreen(title, save, kept, name=stimulus.name, kind=stimulus.kind)
        self.app.push_screen(form.only_kind())

    def action_archive(self, archived: bool) -> None:
        stimulus = self.current()
        if stimulus is None or stimulus.archived == archived or self.busy():
            return
        db = self.db

        def done(result: Stimulus | LookupError | ValueError) -> None:
            self.writing = False
            if isinstance(result, LookupError | ValueError):
                self.problem(str(result))
                return
            self.say("")
            if not archived:
                self.changed(stimulus.id, Content(view.archive_message(archived)))
                return
            self.changed(stimulus.id, None)

            def take_back() -> str:
                stimuli.set_archived(db, stimulus.id, False)
                return view.archive_message(False)

            self.teeter.keep_undo(stimulus.name, view.archive_message(True), take_back)

        self.write(attempt(lambda: stimuli.set_archived(db, stimulus.id, archived)), done)

    def action_delete(self) -> None:
        stimulus = self.current()
        if stimulus is None or self.busy():
            return
        # Read here: a few indexed counts, and the question cannot be asked without them.
        counts, db = stimuli.counts(self.db, stimulus.id), self.db

        def delete() -> StimulusCounts | str:
            try:
                return stimuli.delete(db, stimulus.id, expected=counts)
            except stimuli.CountsChanged:
                return (
                    f"Something was recorded for {stimulus.name} meanwhile, so nothing was "
                    "deleted. Press d again to see the new count."
                )
            except stimuli.StimulusNotFound as error:
                return str(error)

        def done(deleted: StimulusCounts | str) -> None:
            self.writing = False
            if isinstance(deleted, str):
                self.problem(deleted)
                self.reload()
                return
            self.say("")
            self.teeter.notify(view.deleted_message(deleted), title=stimulus.name, markup=False)
            self.changed(None, None)

        def answered(yes: bool | None) -> None:
            if yes and not self.busy():
                self.write(delete, done)

        question = view.delete_question(stimulus.name, counts)
        self.app.push_screen(
            ConfirmScreen(question, title="Delete for good?", confirm="Delete", danger=True),
            answered,
        )

    def busy(self) -> bool:
        if self.writing:
            self.say(STILL_SAVING)
        return self.writing

    def write(self, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run a change off the loop; `done(result)` once it landed (or was refused)."""
        self.writing = True

        def failed(error: StorageError) -> None:
            self.writing = False
            self.problem(str(error))

        in_background(self, call, done, failed, group="stimuli-write", waiting=self.say)

    def action_back(self) -> None:
        self.dismiss()

    def changed(self, stimulus_id: int | None, note: Content | None) -> None:
        self.reload(select=stimulus_id)
        if note is not None:
            self.teeter.notify(note.plain, markup=False)
        self.teeter.data_changed()

    def problem(self, message: str) -> None:
        """Why a change did not happen, on the status line: it stays until the next one."""
        self.say(message[:1].upper() + message[1:])

    def say(self, message: str) -> None:
        self.query_one("#stimuli-status", MessageLine).say(message)
