"""What screens, widgets and the app's workers may ask of the running app, without
importing it: the app (app.ui.app.TeeterApp) imports every screen, so a screen that imported
the app back would tie the whole UI into one knot.

`Host` is a Textual App with teeter's few additions; `host_of(node)` finds it, typed, from
any widget or screen. Its `journal` exists only once the database is open — until then the
app disables every action that would need it (`TeeterApp.check_action`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.dom import DOMNode

if TYPE_CHECKING:
    from collections.abc import Callable

    import pendulum

    from app.storage.file.journal import Journal
    from app.storage.file.location import Location


class JournalNotOpen(RuntimeError):
    """Asked for the journal before the database was open (a bug: see `check_action`)."""


class Host(App[int]):
    """The running teeter app, as screens see it."""

    location: Location

    def now(self) -> pendulum.DateTime:
        """Now, as the app's clock says (also before the journal is open)."""
        raise NotImplementedError

    @property
    def journal(self) -> Journal:
        """The open journal; `JournalNotOpen` before the database is open."""
        raise NotImplementedError

    @property
    def is_open(self) -> bool:
        raise NotImplementedError

    def open_database(self) -> Any:
        """Open the journal off the event loop; screens are told with `DataChanged`."""
        raise NotImplementedError

    def data_changed(self) -> None:
        """Tell every screen the data changed, so each reloads what it shows."""
        raise NotImplementedError

    def keep_undo(self, title: str, done: str, take_back: Callable[[], str]) -> None:
        """Offer `u` to take back what was just done (see `app.ui.undo`)."""
        raise NotImplementedError

    def check_support(self) -> None:
        """After a hard moment (a timer ended early, a reframe): the support notice, when
        the last week's records call for it (see `TimerWatch.check_support`)."""
        raise NotImplementedError

    def home_on_top(self) -> None:
        """Home is on top again, with nothing over it: a word kept for that moment (the
        first-launch note) is shown now."""
        raise NotImplementedError

    def home_covered(self) -> None:
        """A screen or dialog opened over home: a word shown for home (the first-launch
        note) comes down rather than cover it."""
        raise NotImplementedError

    def forget_everything(self) -> str:
        """Delete all data and open the empty journal; says what was deleted."""
        raise NotImplementedError


def host_of(node: DOMNode) -> Host:
    """The app a widget or screen runs in."""
    app = node.app
    if not isinstance(app, Host):
        raise TypeError(f"{type(app).__name__} is not a teeter app")
    return app


class Hosted(DOMNode):
    """Mixed into screens and widgets, LAST among the bases (Textual takes a class's CSS
    and type names from its first DOMNode base): `self.teeter` (the app, typed) and
    `self.journal` (the open journal), without naming the app's class."""

    @property
    def teeter(self) -> Host:
        return host_of(self)

    @property
    def journal(self) -> Journal:
        return host_of(self).journal
