"""Textual's footer, rebuilt only when the keys it shows change.

Textual's footer rebuilds all its keys each time a screen says its bindings may have changed,
and a screen says so on every focus change, every `refresh_bindings` and every mount: about
ten times for one key press that opens a check-in step, each rebuild mounting and styling a
dozen widgets again. Most of those rebuilds draw the same keys. This one compares what it
would show (each key, its words, whether it is enabled) with what it shows, and rebuilds only
when they differ."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

Shown = tuple[tuple[Binding, bool, str], ...]


class Footer(TextualFooter):
    """The footer every teeter screen shows (type selectors `Footer` still match it)."""

    _shown: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not (screen.app.app_focus and self.is_attached and screen is self.screen):
            super().bindings_changed(screen)  # Textual's own rules for these cases
            return
        shown = _keys_shown(screen)
        if shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)


def _keys_shown(screen: Screen[object]) -> Shown:
    """Every active binding as the footer would read it (a binding holds its key, words,
    action, group and whether it is shown)."""
    return tuple(
        (binding, enabled, tooltip)
        for (_, binding, enabled, tooltip) in screen.active_bindings.values()
    )
