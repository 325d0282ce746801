"""teeter: a daily practice for the pleasure-pain balance, in the terminal.

`app.TeeterApp` is imported on first use, so the shell commands never pay for Textual."""

from __future__ import annotations

from typing import Any

from app.version import __version__

__all__ = ["TeeterApp", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "TeeterApp":
        from app.ui.app import TeeterApp

        return TeeterApp
    raise AttributeError(f"module 'app' has no attribute {name!r}")
