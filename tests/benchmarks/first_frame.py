"""Run as a script: launch an app headless, print seconds from process start to the first
frame drawn. `bare` is a Textual app with a header and footer; `teeter` is TeeterApp on the
database given as the second argument."""

from __future__ import annotations

import sys
import time

START = time.perf_counter()


def main() -> None:
    kind = sys.argv[1]
    if kind == "bare":
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Footer()

            def on_mount(self) -> None:
                self.call_after_refresh(self.done)

            def done(self) -> None:
                print(f"{time.perf_counter() - START:.4f}")
                self.exit()

        Bare().run(headless=True, size=(80, 24))
    else:
        from app import TeeterApp

        class Probe(TeeterApp):
            def open_database(self) -> None:  # type: ignore[override]
                # Called once the home screen has painted its first frame.
                print(f"{time.perf_counter() - START:.4f}")
                self.exit()

        Probe(db_path=sys.argv[2]).run(headless=True, size=(80, 24))


if __name__ == "__main__":
    main()
