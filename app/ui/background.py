"""Storage work off the event loop: saves (`in_background`) and as-you-type reads (`look_up`).

A write waits its turn for the file's lock (up to the busy timeout, 10 s) while another
process writes — an import, a second teeter, a shell `teeter log`. Run on the event loop,
that wait froze every key press. `in_background` runs the storage call in a thread worker,
keeps the screen answering keys, says after a short moment that it is waiting for the file,
and hands the result (or the one-line StorageError) back to the screen on the loop."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from textual.app import App
from textual.dom import DOMNode, NoScreen
from textual.worker import get_current_worker

from app.storage.file.errors import StorageError

T = TypeVar("T")

WAITING_AFTER_S = 0.4  # a save that takes longer than this is waiting for the file's lock
WAITING_MESSAGE = "Waiting for the journal: another teeter is writing to it…"
STILL_SAVING = "Still saving: it lands as soon as the journal is free."


def in_background(
    node: DOMNode,
    call: Callable[[], T],
    done: Callable[[T], None],
    failed: Callable[[StorageError], None],
    *,
    group: str,
    waiting: Callable[[str], None] | None = None,
) -> None:
    """Run `call` in a thread; then `done(result)` or `failed(error)` on the event loop.

    `waiting(message)` is called on the loop if the call is still running after a moment,
    so the person sees why nothing has happened yet. `group` only names the worker: a
    screen keeps a second press of its save from starting a second write itself. If the
    screen has closed by the time the call returns, `done` is dropped (the write stands)
    and a failure is still told, as a notification.
    """
    app = node.app
    finished = threading.Event()

    def say_waiting() -> None:
        if not finished.is_set() and waiting is not None:
            waiting(WAITING_MESSAGE)

    timer = node.set_timer(WAITING_AFTER_S, say_waiting)

    def work() -> None:
        try:
            result = call()
        except StorageError as error:
            finished.set()
            app.call_from_thread(_land, partial(failed, error), error)
        else:
            finished.set()
            app.call_from_thread(_land, partial(done, result), None)

    def _land(then: Callable[[], None], error: StorageError | None) -> None:
        timer.stop()
        if still_shown(node):
            then()
        elif error is not None:
            # the screen that asked has gone; what it would have shown must not be lost
            app.notify(str(error), severity="error", markup=False)

    node.run_worker(work, thread=True, group=group, exclusive=False, exit_on_error=True)


def still_shown(node: DOMNode) -> bool:
    """Whether `node` still belongs to a screen on the stack. A result that comes back after
    its screen was closed (the person pressed escape, the check-in moved on) has nowhere to
    land: its widgets are being removed, and reaching for one would end the app."""
    if isinstance(node, App):
        return True
    try:
        screen = node.screen
    except NoScreen:
        return False
    host = screen.parent  # its own app (`node.app` is whichever app is active)
    return node.is_attached and isinstance(host, App) and screen in host.screen_stack


def attempt(call: Callable[[], T]) -> Callable[[], T | LookupError | ValueError]:
    """`call` for a background worker: an entry gone meanwhile (LookupError) or a change the
    domain refuses (ValueError) comes back as a value for the screen to show, since an
    exception raised in a worker would end the app."""

    def run() -> T | LookupError | ValueError:
        try:
            return call()
        except (LookupError, ValueError) as error:
            return error

    return run


def look_up(node: DOMNode, call: Callable[[], T], show: Callable[[T], None], *, group: str) -> None:
    """A read that follows what the person types, in a thread: `show(result)` on the loop.

    A newer look-up in the same `group` cancels this one, and a cancelled one's result is
    dropped on the loop (where cancelling happens), so an older, slower read never lands
    over a newer one. `call` must not touch a widget: read the typed text first."""

    def work() -> None:
        result = call()
        worker = get_current_worker()

        def land() -> None:
            if not worker.is_cancelled and still_shown(node):
                show(result)

        node.app.call_from_thread(land)

    node.run_worker(work, thread=True, group=group, exclusive=True, exit_on_error=True)
