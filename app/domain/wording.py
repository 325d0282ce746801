"""How teeter words the small things, the same on every screen and in every shell command:
counts with their noun, ordinals, days, spans of days, clock times that name their day, and
text cut to the cells a terminal gives it.

Cells, not characters: 咖啡 takes four cells, a combining accent none, and `0️` (a digit
asking for emoji presentation) two, so a name cut by `len` spills over its column. Widths
come from Rich's table (`rich.cells`), the one the full-screen app draws with; Rich is
imported only when text is measured, so a shell command that never measures never pays for
it (nor for pendulum, which only the clock words need). Pure: no UI, no database."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pendulum

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
FULL_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FULL_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
ELLIPSIS = "…"


# --- counts ----------------------------------------------------------------------------------


def noun(count: int, one: str, many: str | None = None) -> str:
    """`entry` or `entries`: `many` when given, else `one` with -ies (entry) or -s."""
    if count == 1:
        return one
    if many is not None:
        return many
    return one[:-1] + "ies" if one.endswith("y") and one[-2:-1] not in "aeiou" else one + "s"


def counted(count: int, one: str, many: str | None = None) -> str:
    """`1 entry`, `3 entries`, `2 timers`, `0 rows`."""
    return f"{count} {noun(count, one, many)}"


def ordinal(n: int) -> str:
    """`1st`, `2nd`, `11th`, `23rd`."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def joined(words: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def capitalised(text: str) -> str:
    """The domain's sentences start in lower case so they can be embedded; alone, they
    start with a capital (only the first letter changes, never a name inside)."""
    return text[:1].upper() + text[1:]


# --- days and times --------------------------------------------------------------------------


def day_words(day: dt.date) -> str:
    """`Tue 24 Nov`, in English whatever the machine's locale (the rest of the text is)."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def full_day_words(day: dt.date) -> str:
    """`Tuesday 24 November 2026`: the home screen's heading."""
    return f"{FULL_WEEKDAYS[day.weekday()]} {day.day} {FULL_MONTHS[day.month - 1]} {day.year}"


def span_words(last_day: dt.date, days: int) -> str:
    """The `days` days ending with `last_day`: `Tue 24 Nov`, or `Sun 22 Nov – Tue 24 Nov`."""
    first_day = last_day - dt.timedelta(days=days - 1)
    return day_words(last_day) if days == 1 else f"{day_words(first_day)} – {day_words(last_day)}"


def when(instant: dt.datetime, now: dt.datetime) -> str:
    """A local clock time (in `now`'s zone) that names its day when it is not today's
    calendar date: `14:30`, `00:30 tomorrow`, `22:10 yesterday`, `Tue 17 Mar 12:00`. The app,
    the shell and the notifications say it the same way."""
    import pendulum

    now = pendulum.instance(now)
    local = pendulum.instance(instant).in_timezone(now.timezone or pendulum.UTC)
    clock = local.format("HH:mm")
    days = (local.date() - now.date()).days
    if days == 0:
        return clock
    if days == 1:
        return f"{clock} tomorrow"
    if days == -1:
        return f"{clock} yesterday"
    return f"{day_words(local.date())} {clock}"


def moment_words(
    instant: dt.datetime,
    now: dt.datetime,
    tz: pendulum.Timezone | pendulum.FixedTimezone,
    day_start_hour: int,
) -> str:
    """A clock time with the *practice* day it belongs to, as every echo and screen says it:
    `14:05` (today), `00:30 tonight`, `23:59 yesterday`, `09:00 tomorrow`, `Mon 30 Nov
    14:05`. At 00:49 with days starting at 04:00, 23:59 is today: the day the header shows."""
    import pendulum

    from app.domain.days import local_day

    clock = pendulum.instance(instant).in_timezone(tz).format("HH:mm")
    day = local_day(instant, tz, day_start_hour)
    today = local_day(now, tz, day_start_hour)
    if day == today:
        later_date = _wall_date(instant, tz) > _wall_date(now, tz)
        return f"{clock} tonight" if later_date else clock  # 00:30, seen from 12:00
    if day == today - dt.timedelta(days=1):
        return f"{clock} yesterday"
    if day == today + dt.timedelta(days=1):
        return f"{clock} tomorrow"
    return f"{day_words(day)} {clock}"


def _wall_date(instant: dt.datetime, tz: pendulum.Timezone | pendulum.FixedTimezone) -> dt.date:
    import pendulum

    return pendulum.instance(instant).in_timezone(tz).date()


# --- cells -----------------------------------------------------------------------------------


def cell_width(text: str) -> int:
    """Terminal cells `text` takes. Columns are padded by this, never by `len`."""
    from rich.cells import cell_len

    return cell_len(text)


def pad_cells(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` cells (never cut)."""
    return text + " " * max(0, width - cell_width(text))


def cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, ending in an ellipsis when cut. Whole graphemes
    only: a wide character, or a digit with its emoji selector, is never split."""
    from rich.cells import split_graphemes

    if width <= 0:
        return ""
    spans, total = split_graphemes(text)
    if total <= width:
        return text
    room, end = width - 1, 0
    for _, stop, cells in spans:
        if room < cells:
            break
        room -= cells
        end = stop
    return text[:end] + ELLIPSIS


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells (see `cut`) and padded to exactly `width`: a column."""
    return pad_cells(cut(text, width), width)
