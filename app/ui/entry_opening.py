"""Opening one entry (an exposure or a reframe) from any list that shows it: home's
"Logged today" and the log's table. Apart from `app.ui.entries`, which the entry screens
themselves use, so that the screens and this opener do not import each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ui.entries import EXPOSURE, parse_key

if TYPE_CHECKING:
    from app.ui.host import Host


def open_entry(app: Host, entry_key: str | None) -> None:
    """Push the screen that shows the whole entry and lets it be changed or deleted."""
    found = parse_key(entry_key)
    if found is None or not app.is_open:
        return
    kind, entry_id = found
    db = app.journal.db
    if kind == EXPOSURE:
        from app.storage.tables import exposures
        from app.ui.screens.entry_screen import ExposureEntryScreen

        exposure = exposures.get(db, entry_id)
        if exposure is not None:
            app.push_screen(ExposureEntryScreen(exposure))
            return
    else:
        from app.storage.tables import reframes
        from app.ui.screens.reframe_entry_screen import ReframeEntryScreen

        reframe = reframes.get_named(db, entry_id)
        if reframe is not None:
            app.push_screen(ReframeEntryScreen(*reframe))
            return
    app.notify(f"That {kind} was deleted meanwhile.", severity="warning", markup=False)
    app.data_changed()
