"""Installed as people install it: the wheel, built from this tree, installed (not editable)
into a fresh virtual environment, then used from that environment's own `teeter`.

Offline: the wheel is built with the hatchling of the test environment (no build isolation),
installed without dependencies, and the fresh environment borrows the test environment's
installed libraries through a `.pth` line (a plain path line: the `.pth` files there, like
the editable install of this checkout, are not run). Whatever `app` the fresh environment
imports must then come from the wheel, which the test checks."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

HEADLESS = textwrap.dedent(
    """
    import asyncio, json, sys
    import app
    from app import TeeterApp

    async def main():
        teeter = TeeterApp(sys.argv[1])
        async with teeter.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                if teeter.db is not None:
                    break
                await asyncio.sleep(0.02)
            await pilot.pause()
            await pilot.pause()
            listing = teeter.screen_stack[0].query_one("#home-entries")
            today = "\\n".join(str(option.prompt) for option in listing.options)
            print(json.dumps({"app": app.__file__, "today": today, "ready": teeter.db is not None}))

    asyncio.run(main())
    """
)


def run(*argv: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=180,
        env={**os.environ, "PYTHONPATH": "", **env},
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with teeter's wheel installed; returns its bin directory."""
    root = tmp_path_factory.mktemp("install")
    dist = root / "dist"
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "-q",
        "-w",
        dist,
        REPO,
        cwd=root,
    )
    [wheel] = dist.glob("teeter-*.whl")
    venv = root / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    python = venv / "bin" / "python"
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "-q",
        wheel,
        cwd=root,
    )
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=root)
    borrowed = {sysconfig.get_path("purelib"), *site.getsitepackages()}
    Path(purelib.stdout.strip(), "borrowed-from-tests.pth").write_text("\n".join(borrowed) + "\n")
    return venv / "bin"


def test_the_wheel_carries_what_teeter_needs_at_run_time(fresh: Path) -> None:
    import zipfile

    [wheel] = fresh.parent.parent.glob("dist/teeter-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"app/storage/demo.json", "app/storage/schema_v1.sql", "app/ui/teeter.tcss"} <= names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_teeter_runs_version_demo_and_the_app(fresh: Path, tmp_path: Path) -> None:
    teeter = fresh / "teeter"
    version = run(teeter, "--version", cwd=tmp_path)
    assert version.stdout.startswith("teeter 0.")
    db = tmp_path / "demo.db"
    demo = run(teeter, "--db", db, "import", "--demo", cwd=tmp_path)
    assert "imported" in demo.stdout and "demo loaded" in demo.stdout
    shown = run(fresh / "python", "-c", HEADLESS, db, cwd=tmp_path)
    seen = json.loads(shown.stdout.strip().splitlines()[-1])
    assert seen["ready"] is True
    assert Path(seen["app"]).is_relative_to(fresh.parent)  # the wheel's code, not the checkout
    assert "chocolate" in seen["today"] and "enjoyment" in seen["today"]  # the demo, on home
