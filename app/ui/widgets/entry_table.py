"""Exposures as a table whose note column takes the room that is left and wraps, so a
whole note is readable at any width (at 200 columns on one line, at 80 over a few)."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from app.domain.clock_words import NEXT_MORNING, NEXT_MORNING_LEGEND, time_on_day
from app.domain.days import local_day
from app.domain.records import Exposure
from app.domain.text import one_line, strip_controls
from app.domain.wording import day_words

NOTE_MIN = 8
COLUMNS = ("day", "time", "stimulus", "enjoyment", "craving", "note")
NUMERIC = frozenset({"enjoyment", "craving"})


def note_cell(note: str) -> Text:
    """A person's note kept whole, wrapped by the table (never markup, no controls)."""
    return Text(strip_controls(note), no_wrap=False, overflow="fold")


def note_width(room: int, rows: Sequence[Sequence[str]], headers: Sequence[str]) -> int:
    """What is left for the note after the other columns (each padded one cell a side)."""
    used = 0
    for index, header in enumerate(headers):
        widest = max([cell_len(header), *(cell_len(row[index]) for row in rows)])
        used += widest + 2
    return max(NOTE_MIN, room - used - 2)


class EntryTable(DataTable[str | Text]):
    """Rows of (day, time, stimulus, enjoyment, craving, note), notes whole."""

    DEFAULT_CSS = """
    EntryTable { height: auto; max-height: 100%; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, zebra_stripes=True, cursor_type="row")
        self.exposures: list[Exposure] = []
        self.legend = ""
        """What `+1d` means, when a row shows it (for the screen to say)."""

    def show(
        self,
        exposures: Sequence[Exposure],
        tz: pendulum.Timezone | pendulum.FixedTimezone,
        day_start_hour: int,
        room: int,
    ) -> None:
        """Fill the table for `room` columns of width (the screen's, less its frame)."""
        self.exposures = list(exposures)
        cells: list[tuple[str, ...]] = []
        for exposure in self.exposures:
            day = local_day(exposure.occurred_at, tz, day_start_hour)
            cells.append(
                (
                    day_words(day),
                    time_on_day(exposure.occurred_at, day, tz),
                    one_line(exposure.stimulus_name),
                    str(exposure.enjoyment),
                    str(exposure.craving),
                )
            )
        width = note_width(room, cells, COLUMNS[:-1])
        self.legend = NEXT_MORNING_LEGEND if any(r[1].endswith(NEXT_MORNING) for r in cells) else ""
        self.clear(columns=True)
        for label in COLUMNS:
            title = Text(label, justify="right") if label in NUMERIC else label
            self.add_column(title, width=width if label == "note" else None, key=label)
        for exposure, row in zip(self.exposures, cells, strict=True):
            shown: list[str | Text] = [Text(c, no_wrap=True) for c in row[:3]]
            shown += [Text(c, justify="right") for c in row[3:]]
            shown.append(note_cell(exposure.note))
            self.add_row(*shown, height=None)

    @property
    def chosen(self) -> Exposure | None:
        if not self.exposures or self.cursor_row < 0:
            return None
        return self.exposures[min(self.cursor_row, len(self.exposures) - 1)]
