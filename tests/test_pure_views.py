"""A view only formats values it is given: no `*_view.py` module may reach storage or SQL,
not even for a type (its values come from the domain), so a view can never query or write."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
FORBIDDEN = ("app.storage", "sqlmodel", "sqlalchemy")


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_views_import_neither_storage_nor_sql() -> None:
    views = sorted(APP.rglob("*_view.py"))
    assert len(views) >= 9  # every screen's and every step's wording
    reaching = {
        str(view.relative_to(APP)): sorted(
            name
            for name in imported_modules(view)
            if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
        )
        for view in views
    }
    assert {view: names for view, names in reaching.items() if names} == {}


def test_the_check_catches_a_view_that_reaches_storage(tmp_path: Path) -> None:
    view = tmp_path / "sneaky_view.py"
    view.write_text("from app.storage.tables import exposures\nimport sqlmodel\n", "utf-8")
    assert imported_modules(view) >= {"app.storage.tables.exposures", "sqlmodel"}
