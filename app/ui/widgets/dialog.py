"""The box every modal question sits in, and the screen that centres it: the resume offer,
the urge and urge-surf questions, the support notice, extending a timer, a yes/no
confirmation, the stimulus form and deleting everything.

One look for all of them lives here; a dialog that differs (wider, a red border) says only
how, in the stylesheet under its screen."""

from __future__ import annotations

from typing import TypeVar

from textual.containers import Vertical
from textual.screen import ModalScreen

R = TypeVar("R")


class Dialog(Vertical):
    DEFAULT_CSS = """
    Dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    """


class DialogScreen(ModalScreen[R]):
    """A modal whose content (a `Dialog`) is centred over the screen below."""

    DEFAULT_CSS = """
    DialogScreen {
        align: center middle;
    }
    """
