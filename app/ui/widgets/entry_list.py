"""Lists of entries (exposures and reframes) where each row can be opened (enter) or
deleted (d or delete, undone with u): home's list and the log's table. Rows are keyed
`exposure-12` / `reframe-3` (`app.ui.entries`), so a reload keeps the highlighted entry
wherever it moved."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from app.ui.host import host_of


class EntryList(OptionList):
    DEFAULT_CSS = """
    EntryList { height: auto; max-height: 12; }
    """

    BINDINGS = [
        Binding("enter", "select", "Open", id="entry-open", show=False),
        Binding("d,delete", "delete_entry", "Delete", id="entry-delete-row", show=False),
    ]

    def show(self, rows: Sequence[tuple[str, Content]]) -> None:
        """Replace the rows only when they differ, keeping the highlighted entry (or the one
        now at its place) and the scroll, so a reload never moves the person's place."""
        wanted = [(key, content.plain) for key, content in rows]
        shown = [(option.id, str(option.prompt)) for option in self.options]
        if wanted == shown:
            return
        chosen = self.chosen_key()
        index = self.highlighted
        scroll = self.scroll_y
        self.set_options(Option(content, id=key) for key, content in rows)
        keys = [key for key, _ in rows]
        if chosen in keys:
            self.highlighted = keys.index(chosen)
        elif keys:
            self.highlighted = min(index if index is not None else len(keys) - 1, len(keys) - 1)
        self.scroll_to(y=scroll, animate=False, immediate=True)

    def chosen_key(self) -> str | None:
        index = self.highlighted
        if index is None or not 0 <= index < self.option_count:
            return None
        return self.get_option_at_index(index).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        from app.ui.entry_opening import open_entry

        event.stop()
        open_entry(host_of(self), event.option.id)

    def action_delete_entry(self) -> None:
        from app.ui import entries

        entries.delete_entry(host_of(self), self.chosen_key())


class EntryTable(DataTable[Any]):
    """A table whose rows are entries (keyed like EntryList's): enter opens one, d or
    delete deletes it (u undoes). Unlike home, whose footer is full, the log's footer has
    room to name both keys while the table has the focus."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", id="entry-table-open"),
        Binding("d,delete", "delete_entry", "Delete", id="entry-table-delete"),
    ]

    def chosen_key(self) -> str | None:
        if self.row_count == 0:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def keep_place(self, fill: Callable[[], None]) -> None:
        """Refill the table (`fill`) and put the cursor back on the same entry (or the row
        now at its place); the surrounding scroll is left alone."""
        chosen, row = self.chosen_key(), self.cursor_row
        fill()
        if chosen is not None and chosen in self.rows:
            self.move_cursor(row=self.get_row_index(chosen), animate=False, scroll=False)
        elif self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False, scroll=False)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from app.ui.entry_opening import open_entry

        event.stop()
        open_entry(host_of(self), event.row_key.value)

    def action_delete_entry(self) -> None:
        from app.ui import entries

        entries.delete_entry(host_of(self), self.chosen_key())
