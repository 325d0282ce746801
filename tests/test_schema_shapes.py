"""The schema shape kept in `schema_shapes` is what the steps build: a file is judged whole
against it (`teeter log` reads it rather than running every step), so it must never drift
from the steps, and it must be the current version's."""

from __future__ import annotations

from app.storage.file import schema, schema_shapes


def test_the_kept_shape_is_what_the_steps_build() -> None:
    assert schema.built_shape(schema_shapes.VERSION) == schema_shapes.SHAPE


def test_the_kept_shape_is_the_current_versions() -> None:
    assert schema_shapes.VERSION == schema.SCHEMA_VERSION, (
        "a schema step was added: write app/storage/file/schema_shapes.py again for it "
        "(its docstring says how)"
    )


def test_an_older_version_is_built_from_its_steps() -> None:
    older = schema.expected_shape(schema.SCHEMA_VERSION - 1)
    assert older == schema.built_shape(schema.SCHEMA_VERSION - 1)
    assert older != schema_shapes.SHAPE
