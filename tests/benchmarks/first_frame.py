"""Run as a script: launch an app headless and print two numbers — seconds from process
start to the moment measured, and the peak resident memory in KiB.

  bare                 a Textual app with a header and footer: its first frame
  teeter DB            TeeterApp: the home screen's first frame (before the database opens)
  teeter-data DB       TeeterApp: home drawn with the data loaded from DB
"""

from __future__ import annotations

import resource
import sys
import time

START = time.perf_counter()


def report(app) -> None:  # type: ignore[no-untyped-def]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{time.perf_counter() - START:.4f} {peak}")
    app.exit()


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
                self.call_after_refresh(report, self)

        Bare().run(headless=True, size=(80, 24))
        return

    from app import TeeterApp

    if kind == "teeter":

        class FirstFrame(TeeterApp):
            def open_database(self) -> None:  # type: ignore[override]
                report(self)  # called once the home screen has painted its first frame

        FirstFrame(sys.argv[2]).run(headless=True, size=(80, 24))
    else:

        class WithData(TeeterApp):
            def data_changed(self) -> None:
                super().data_changed()
                self.call_after_refresh(self.call_after_refresh, report, self)

            def offer_resume(self) -> None:
                pass

        WithData(sys.argv[2]).run(headless=True, size=(80, 24))


if __name__ == "__main__":
    main()
