"""How a list names an entry: `exposure-12`, `reframe-3`. Apart from `app.ui.entries` (which
deletes them) so a view can name entries without reaching storage."""

from __future__ import annotations

EXPOSURE, REFRAME = "exposure", "reframe"


def key(kind: str, entry_id: int) -> str:
    return f"{kind}-{entry_id}"


def parse_key(text: str | None) -> tuple[str, int] | None:
    kind, _, number = (text or "").partition("-")
    if kind in (EXPOSURE, REFRAME) and number.isdigit():
        return kind, int(number)
    return None
