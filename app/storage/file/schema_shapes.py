"""The tables and columns of the current schema version, as its steps build them.

Released steps never change, so neither does this; reading it here spares every shell
command running all the steps on an in-memory database to judge a file whole (a quarter of
`teeter log`). `tests/test_schema_shapes.py` builds the version from its steps and compares,
and fails when a new step is added until this is written again for it:
`python -c "from app.storage.file import schema; print(schema.built_shape(N))"`."""

from __future__ import annotations

VERSION = 6

SHAPE: dict[str, tuple[str, ...]] = {
    "checkin": ("id", "day", "started_at", "completed_at"),
    "experiment": ("id", "first_day", "days", "state", "started_at", "ended_at", "summary"),
    "setting": ("key", "value"),
    "stimulus": ("id", "name", "name_key", "kind", "archived", "created_at"),
    "experiment_stimulus": ("experiment_id", "stimulus_id"),
    "exposure": (
        "id",
        "stimulus_id",
        "occurred_at",
        "enjoyment",
        "craving",
        "note",
        "source",
        "created_at",
        "utc_offset",
    ),
    "reframe": (
        "id",
        "occurred_at",
        "stimulus_id",
        "label",
        "craving_before",
        "craving_after",
        "surf_minutes",
        "outcome",
        "utc_offset",
    ),
    "timer": (
        "id",
        "stimulus_id",
        "started_at",
        "ends_at",
        "ended_at",
        "end_reason",
        "urge",
        "urge_asked",
    ),
    "journal_identity": ("id", "stamp"),
    "claim": ("key", "claimed_at"),
    "urge_rating": ("id", "stimulus_id", "timer_id", "rated_at", "urge", "source"),
    "checkin_step": ("checkin_id", "step", "state"),
}
