"""Ratings are whole numbers from 1 to 10, for enjoyment ("liking") and craving ("wanting")."""

from __future__ import annotations

RATING_MIN = 1
RATING_MAX = 10


class RatingError(ValueError):
    """A rating that is not a whole number from 1 to 10."""


def check_rating(value: int, what: str = "rating") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RatingError(f"{what} must be a whole number from 1 to 10")
    if not RATING_MIN <= value <= RATING_MAX:
        raise RatingError(f"{what} must be from 1 to 10, not {value}")
    return value


def parse_rating(text: str, what: str = "rating") -> int:
    """Read a rating a person typed ("7", " 10 ")."""
    cleaned = text.strip()
    if not cleaned.isdigit() or not cleaned.isascii():
        raise RatingError(f"{what} must be a whole number from 1 to 10, not {text!r}")
    return check_rating(int(cleaned), what)


def rating_for_key(key: str) -> int | None:
    """The rating a single key stands for: digits 1-9 as themselves, 0 as 10."""
    if len(key) == 1 and key.isdigit() and key.isascii():
        return int(key) or RATING_MAX
    return None


def clamp_rating(value: int) -> int:
    return max(RATING_MIN, min(RATING_MAX, value))
