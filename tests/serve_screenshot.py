"""Regenerate the README's phone picture: `python tests/serve_screenshot.py` runs `teeter
serve` on a throwaway database, opens it in headless Chromium at a phone's size, starts the
check-in and writes assets/teeter-serve-phone.png."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.serve_helpers import NOW, Screen, launch, served  # noqa: E402


def shoot() -> None:
    os.environ.update(TEETER_NOW=NOW, TZ="Europe/Paris")
    from app.cli import main

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = tmp / "phone.db"
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
        assert main(["--db", str(db), "log", "coffee", "-e", "7", "-c", "4", "--at", "07:40"]) == 0
        with served(tmp, db) as server, sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 390, "height": 760}, device_scale_factor=2)
            screen = Screen()
            screen.attach(page)
            page.goto(server.url)
            screen.wait_for(page, "07:40")
            page.focus(".xterm-helper-textarea")
            screen.press_until(page, "c", "Step 1 of 4")
            page.keyboard.press("8")
            page.wait_for_timeout(1500)
            target = ROOT / "assets" / "teeter-serve-phone.png"
            page.screenshot(path=str(target))
            target.chmod(0o644)
            browser.close()


if __name__ == "__main__":
    shoot()
