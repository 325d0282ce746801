"""What a person can actually see: a widget counts as in sight only when the screen draws it
at its own place (not scrolled away, not under the footer, not off the bottom edge)."""

from __future__ import annotations

from textual.widget import Widget


def in_sight(widget: Widget) -> bool:
    """True when every line of the widget's content is drawn by the widget itself."""
    screen = widget.screen
    region = widget.content_region
    if not region or not screen.region.contains_region(region):
        return False
    for y in range(region.y, region.bottom):
        try:
            drawn, _ = screen.get_widget_at(region.x, y)
        except Exception:  # nothing drawn there
            return False
        if drawn is not widget and widget not in drawn.ancestors:
            return False
    return True


def shown_text(widget: Widget) -> str:
    return str(widget.render())


def screen_lines(widget: Widget) -> list[str]:
    """The screen as drawn, one string per row (what a terminal would show)."""
    strips = widget.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def focus_bar_at(widget: Widget) -> bool:
    """True when the focus bar is drawn at the widget's left edge, on every row it has."""
    lines = screen_lines(widget)
    region = widget.region
    return all(lines[y][region.x] == "▌" for y in range(region.y, region.bottom))
