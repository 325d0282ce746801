"""Regenerate the README's screenshots: `python tests/screenshots.py` writes SVGs of the
three-day log and a check-in step into assets/, from the demo data at a fixed moment."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import pendulum

ASSETS = Path(__file__).resolve().parent.parent / "assets"
NOW = "2026-11-24T18:30:00+01:00"


async def shoot() -> None:
    os.environ["TEETER_NOW"] = NOW
    os.environ.setdefault("TZ", "Europe/Paris")
    from app import TeeterApp
    from app.cli import main

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        assert main(["--db", str(db), "import", "--demo"]) == 0
        now = pendulum.parse(NOW).in_timezone("Europe/Paris")  # type: ignore[union-attr]
        app = TeeterApp(db, clock=lambda: now)
        async with app.run_test(size=(100, 34)) as pilot:
            while app.db is None:
                await asyncio.sleep(0.02)
            await pilot.pause()
            if app.screen.__class__.__name__ != "HomeScreen":
                await pilot.press("escape")
                await pilot.pause()
            await pilot.press("l")
            await pilot.pause(0.5)
            await pilot.press("right", "right")
            await pilot.pause(0.3)
            app.save_screenshot(filename="teeter-log.svg", path=str(ASSETS))
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("c")  # the demo's check-in resumes at Space
            await pilot.pause(0.3)
            await pilot.press("escape")  # back to Track: today's coffee so far
            await pilot.pause(0.3)
            await pilot.press("6", "tab", "8")
            await pilot.pause(0.3)
            app.save_screenshot(filename="teeter-checkin.svg", path=str(ASSETS))
    for svg in ASSETS.glob("teeter-*.svg"):
        svg.chmod(0o644)  # published in the README, unlike personal files


if __name__ == "__main__":
    asyncio.run(shoot())
