"""One pending undo for the open app: what can be taken back, and for how long.

Deleting an entry, ending a timer early, cancelling one and archiving a stimulus act at once
and leave an offer here; `u` (anywhere in the app, shown in the footer while it lasts) takes
the change back within `APP_UNDO_WINDOW`. A newer offer replaces the older one: undo always
means the last thing done. The window is measured on the app's clock (so tests move it) and
ends early if the clock is set back (see `app.domain.undo.within`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.domain.undo import APP_UNDO_WINDOW, within
from app.storage.file.errors import StorageError

if TYPE_CHECKING:
    import pendulum

    from app.ui.host import Host


@dataclass(frozen=True)
class UndoOffer:
    title: str  # what it is about, e.g. a stimulus name (shown literally)
    done: str  # what was done, e.g. "Deleted the exposure of 14:05."
    take_back: Callable[[], str]  # undoes it (in a worker thread) and says so; raises
    # LookupError if it cannot
    made_at: pendulum.DateTime


class UndoKeeper:
    def __init__(self, app: Host) -> None:
        self.app = app
        self.offer: UndoOffer | None = None

    def available(self) -> bool:
        offer = self.offer
        return offer is not None and within(offer.made_at, self.app.now(), APP_UNDO_WINDOW)

    def keep(self, title: str, done: str, take_back: Callable[[], str]) -> None:
        """Offer undo for what was just done, with a toast that says how and for how long."""
        self.offer = UndoOffer(title, done, take_back, self.app.now())
        seconds = int(APP_UNDO_WINDOW.total_seconds())
        self.app.notify(
            f"{done} Press u within {seconds} s to undo.",
            title=title,
            markup=False,
            timeout=seconds,
        )
        self.app.refresh_bindings()
        self.app.set_timer(seconds + 0.1, self.app.refresh_bindings)  # the footer drops u

    def run(self) -> None:
        offer, self.offer = self.offer, None
        self.app.refresh_bindings()
        if offer is None or not within(offer.made_at, self.app.now(), APP_UNDO_WINDOW):
            self.app.bell()
            self.app.notify("Nothing to undo now.", markup=False, timeout=3)
            return
        self.app.clear_notifications()  # the offer's toast no longer holds
        from app.ui.background import attempt, in_background

        def done(said: str | LookupError | ValueError) -> None:
            if isinstance(said, str):
                self.app.notify(said, title=offer.title, markup=False)
            else:  # gone meanwhile, or it can no longer be put back
                self.app.notify(str(said), title=offer.title, severity="warning", markup=False)
            self.app.data_changed()

        def failed(error: StorageError) -> None:
            self.app.notify(str(error), title=offer.title, severity="error", markup=False)

        in_background(self.app, attempt(offer.take_back), done, failed, group="undo")
