"""Benchmarks: timings and memory compared within one run, never asserted as budgets in the
normal suite. Run on purpose: `python -m pytest -m benchmark -s tests/benchmarks`."""

from __future__ import annotations

import os
from pathlib import Path


def person_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment of a person's shell for a timed child process: Python writes its
    bytecode (this machine sets PYTHONDONTWRITEBYTECODE, which would recompile every teeter
    module on every run, a cost no installed teeter pays), here into `cache`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TEETER_DB", "PYTHONDONTWRITEBYTECODE"}
    }
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    env.update(extra)
    return env
