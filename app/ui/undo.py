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

if TYPE_CHECKING:
    import pendulum

    from app.ui.app import TeeterApp


@dataclass(frozen=True)
class UndoOffer:
    title: str  # what it is about, e.g. a stimulus name (shown literally)
    done: str  # what was done, e.g. "Deleted the exposure of 14:05."
    take_back: Callable[[], str]  # undoes it and says so; raises LookupError if it cannot
    made_at: pendulum.DateTime


class UndoKeeper:
    def __init__(self, app: TeeterApp) -> None:
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
        try:
            said = offer.take_back()
        except LookupError as error:  # gone meanwhile, or taken back elsewhere
            self.app.notify(str(error), title=offer.title, severity="warning", markup=False)
        else:
            self.app.notify(said, title=offer.title, markup=False)
        self.app.data_changed()
