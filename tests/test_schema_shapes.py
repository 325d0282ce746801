"""The released schema shapes kept in `schema_shapes` are what their steps build: a file is
judged whole against them (`teeter log` reads them rather than running every step), so they
must never drift from the steps."""

from __future__ import annotations

import pytest

from app.storage.file import schema
from app.storage.file.schema_shapes import RELEASED


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_a_released_shape_is_what_its_steps_build(version: int) -> None:
    assert RELEASED[version] == schema.built_shape(version)


def test_every_version_up_to_the_current_one_is_kept() -> None:
    assert sorted(RELEASED) == list(range(1, max(RELEASED) + 1))
    assert max(RELEASED) <= schema.SCHEMA_VERSION


def test_a_version_not_yet_kept_is_built_from_its_steps(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.storage.file import schema_shapes

    monkeypatch.setattr(schema_shapes, "RELEASED", {})
    assert schema.expected_shape(schema.SCHEMA_VERSION) == RELEASED[schema.SCHEMA_VERSION]
