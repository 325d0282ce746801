"""`l` from home: the last few local days, one pleasure at a time. The verdict first, then the
alerts, the chart, every exposure and the person's own evidence for spacing.

It reads only its window (and one earlier exposure per stimulus, for the first gap), so it
opens as fast on ten years of history as on three days."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, Tab, Tabs

from app.domain.records import StimulusKind
from app.domain.safety import guidance
from app.storage.tables import stimuli
from app.ui.host import Hosted
from app.ui.messages import DataChanged
from app.ui.safe_text import shown
from app.ui.screens import log_view
from app.ui.widgets.balance_chart import BalanceChart
from app.ui.widgets.entry_list import EntryTable
from app.ui.widgets.footer import Footer

if TYPE_CHECKING:
    import datetime as dt

    from app.domain.balance import StimulusAnalysis
    from app.storage.file.journal import Journal

WINDOWS = (3, 7, 14, 30)
"""Days the window can show; `w` steps through them and back to the first."""
_TAB_PREFIX = "stimulus-"
TABLE_KEYS = "tab to the rows · enter opens · d deletes"
WIDE = 140
"""From this many columns the chart and the gap evidence sit side by side."""


def _tab_id(stimulus_id: int) -> str:
    return f"{_TAB_PREFIX}{stimulus_id}"


class LogRead(NamedTuple):
    """One read of the window: its last day, each pleasure's analysis, every kind."""

    last_day: dt.date
    analyses: tuple[StimulusAnalysis, ...]
    kinds: dict[int, StimulusKind]


def read_window(journal: Journal, days: int) -> LogRead:
    """The log's window ending today, read from the journal (off the event loop)."""
    from app.storage.tables.log_window import analysed

    tz, hour, last_day = journal.zone(), journal.day_start_hour, journal.today()
    analyses = analysed(journal.db, last_day, days, tz, hour)
    shown = [analysis.stimulus_id for analysis in analyses]
    return LogRead(last_day, analyses, stimuli.kinds(journal.db, shown))


class LogScreen(Screen[None], Hosted):
    BINDINGS = [
        Binding("escape", "back", "Back", id="log-back"),
        # Priority: the scrolling body would otherwise claim left/right (and hide them).
        Binding(
            "left",
            "previous_stimulus",
            "Previous",
            key_display="←",
            priority=True,
            id="log-previous",
        ),
        Binding("right", "next_stimulus", "Next", key_display="→", priority=True, id="log-next"),
        Binding("[", "previous_stimulus", "Previous", show=False, id="log-previous-alt"),
        Binding("]", "next_stimulus", "Next", show=False, id="log-next-alt"),
        Binding("w", "widen", "Widen window", id="log-widen"),
        Binding("h", "app.open_history", "History", id="log-history"),
        Binding("slash", "app.search_notes", "Search", id="log-search"),
    ]

    def __init__(self, first: LogRead | None = None) -> None:
        """`first`: the window already read (`read_window`), so the screen is drawn once,
        with its data, rather than drawn empty and then again with it."""
        super().__init__()
        self.days = WINDOWS[0]
        self.analyses: tuple[StimulusAnalysis, ...] = ()
        self.kinds: dict[int, StimulusKind] = {}
        self.selected: int | None = None
        self.loaded = False
        """True once the first read is shown (tests wait for it)."""
        self._reloading = False
        self._reload_wanted = False
        self._first = first
        if first is not None:
            self._take(first)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◐")
        tabs = self._tab_bar() if self._first is not None else Tabs(id="log-tabs")
        tabs.can_focus = False  # left/right belong to the screen, the body keeps the arrows
        yield tabs
        with VerticalScroll(id="log-body"):
            yield Static("Reading your log…", id="log-window")
            yield Static("", id="log-empty")
            with Vertical(id="log-detail"):
                yield Static("", id="log-verdict", classes="log-card")
                yield Static("", id="log-alerts", classes="log-card")
                with Container(id="log-pair"):  # side by side on a wide terminal
                    yield BalanceChart(id="log-chart", classes="log-card")
                    yield Static("", id="log-gaps", classes="log-card")
                yield EntryTable(
                    id="log-table",
                    classes="log-card",
                    cursor_type="row",
                    zebra_stripes=True,
                )
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Log"
        for selector, title in (
            ("#log-verdict", "Verdict"),
            ("#log-alerts", "Diminishing returns"),
            ("#log-chart", "Enjoyment and craving, entry by entry"),
            ("#log-gaps", "Your evidence for spacing: enjoyment by gap"),
            ("#log-table", "Exposures"),
        ):
            self.query_one(selector).border_title = title
        self.query_one("#log-table").border_subtitle = TABLE_KEYS
        self.query_one("#log-detail").display = False
        self.query_one("#log-body").focus()
        if self._first is not None:
            self._first = None
            self._show_read()
        else:
            self.call_after_refresh(self.reload)  # first frame now, the data right after

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width >= WIDE, "-wide")
        if self.current is not None:
            self._fill_table(self.current)

    def on_data_changed(self, _: DataChanged) -> None:
        self.reload()

    # --- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        """Load the window. A reload asked for while one runs follows it rather than
        cancelling it: cancelling could cut the tab bar's remount in half, and with the
        app watching the file, reloads now arrive whenever anything is written."""
        self._reload_wanted = True
        if not self._reloading:
            self._reloading = True
            self._reload_worker()

    @work(group="log-load")
    async def _reload_worker(self) -> None:
        try:
            while self._reload_wanted:
                self._reload_wanted = False
                await self._load()
        finally:
            self._reloading = False

    async def _load(self) -> None:
        self._take(read_window(self.journal, self.days))
        await self._show_tabs()
        self._show_read()

    def _take(self, read: LogRead) -> None:
        from app.domain.balance import needs_a_look

        self._last_day, self.analyses, self.kinds = read
        ids = [a.stimulus_id for a in self.analyses]
        if self.selected not in ids:  # first opening: the pleasure that most needs a look
            first = needs_a_look(self.analyses)
            self.selected = first.stimulus_id if first else None

    def _show_read(self) -> None:
        hour = self.journal.day_start_hour
        self.query_one("#log-window", Static).update(
            log_view.window_line(self._last_day, self.days, hour)
        )
        self.sub_title = f"last {self.days} days"
        self.show_selected()
        self.refresh_bindings()
        self.loaded = True

    def _tab_bar(self) -> Tabs:
        """A tab per pleasure, built with the chosen one active, so it announces only that
        one."""
        active = _tab_id(self.selected) if self.selected is not None else None
        tabs = Tabs(
            *(Tab(shown(a.stimulus_name), id=_tab_id(a.stimulus_id)) for a in self.analyses),
            active=active,
            id="log-tabs",
        )
        tabs.display = bool(self.analyses)
        return tabs

    async def _show_tabs(self) -> None:
        """A fresh tab bar when the set of stimuli changed, else just the chosen tab."""
        tabs = self.query_one(Tabs)
        wanted = [_tab_id(a.stimulus_id) for a in self.analyses]
        active = _tab_id(self.selected) if self.selected is not None else None
        if [tab.id for tab in tabs.query(Tab)] != wanted:
            fresh = self._tab_bar()
            fresh.can_focus = False
            await tabs.remove()
            await self.mount(fresh, before="#log-body")
            tabs = fresh
        # Built with its active tab, a fresh bar announces only the chosen pleasure (built
        # without, it announced its first tab, and a reload that ran before that stale
        # announcement was read took it as a choice). Reloads follow one another, so no
        # reload replaces a bar while it mounts.
        if active is not None and tabs.active != active and tabs.query(f"#{active}"):
            tabs.active = active

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        """A click on a tab (keys and reloads have already set `selected`)."""
        event.stop()
        tab_id = event.tab.id or ""
        if not event.tabs.is_attached or not tab_id.startswith(_TAB_PREFIX):
            return
        if event.tabs.active != tab_id:
            return  # stale: another tab was chosen after this one, by a key or a reload
        chosen = int(tab_id.removeprefix(_TAB_PREFIX))
        if chosen != self.selected and chosen in {a.stimulus_id for a in self.analyses}:
            self.selected = chosen
            self.show_selected()

    # --- showing ----------------------------------------------------------------------
    @property
    def current(self) -> StimulusAnalysis | None:
        return next((a for a in self.analyses if a.stimulus_id == self.selected), None)

    def show_selected(self) -> None:
        analysis = self.current
        self.query_one("#log-empty").display = analysis is None
        self.query_one("#log-detail").display = analysis is not None
        if analysis is None:
            self.query_one("#log-empty", Static).update(log_view.empty(self.days))
            return
        verdict = self.query_one("#log-verdict", Static)
        verdict.update(log_view.verdict(analysis))
        verdict.set_classes(f"log-card {log_view.verdict_class(analysis)}")
        self.query_one("#log-alerts", Static).update(log_view.alerts(analysis))
        self.query_one(BalanceChart).show(analysis.points)
        self._fill_table(analysis)
        care = guidance(self.kinds.get(analysis.stimulus_id), analysis.stimulus_name)
        self.query_one("#log-gaps", Static).update(log_view.gap_evidence(analysis, care))

    def _fill_table(self, analysis: StimulusAnalysis) -> None:
        """Notes take the room the other columns leave and wrap: every note whole."""
        from app.ui import entries
        from app.ui.widgets.entry_table import note_width

        table = self.query_one("#log-table", EntryTable)

        def fill() -> None:
            table.clear(columns=True)
            rows = log_view.exposure_rows(analysis, self.journal.zone())
            plain = [[str(cell) for cell in row[:-1]] for row in rows]
            room = self.size.width - 9  # body padding, card border and padding, scrollbar
            width = note_width(room, plain, log_view.COLUMNS[:-1])
            for label in log_view.COLUMNS:
                title = Text(label, justify="right") if label in log_view.NUMERIC else label
                table.add_column(title, width=width if label == "note" else None, key=label)
            for point, row in zip(analysis.points, rows, strict=True):
                key = entries.key(entries.EXPOSURE, point.exposure.id)
                table.add_row(*row, key=key, height=None)

        table.keep_place(fill)
        legend = log_view.next_morning_legend(analysis, self.journal.zone())
        table.border_subtitle = f"{legend} · {TABLE_KEYS}" if legend else TABLE_KEYS

    # --- actions ----------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Switching stimulus is hidden from the footer until there are two to switch."""
        if action in ("previous_stimulus", "next_stimulus"):
            return len(self.analyses) > 1
        return True

    def action_back(self) -> None:
        self.dismiss()

    def action_previous_stimulus(self) -> None:
        self._step(-1)

    def action_next_stimulus(self) -> None:
        self._step(1)

    def _step(self, by: int) -> None:
        ids = [a.stimulus_id for a in self.analyses]
        if len(ids) < 2 or self.selected not in ids:
            self.app.bell()
            return
        self.selected = ids[(ids.index(self.selected) + by) % len(ids)]
        self.query_one(Tabs).active = _tab_id(self.selected)
        self.show_selected()

    def action_widen(self) -> None:
        self.days = WINDOWS[(WINDOWS.index(self.days) + 1) % len(WINDOWS)]
        self.query_one("#log-body", VerticalScroll).scroll_home(animate=False)
        self.reload()
