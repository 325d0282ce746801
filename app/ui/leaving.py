"""Leaving a screen once its save lands, which may be seconds after the key was pressed.

`Screen.dismiss` pops whatever screen is on top. A save that waited for a busy file can land
while help, a question (an urge, a care notice) or the leave-unsaved dialog sits above the
screen that saved; dismissing then would close that one instead and strand the form. So
the screen leaves at once when it is on top, or as soon as it is on top again."""

from __future__ import annotations


class LeavesWhenOnTop:
    """Mixed into a Screen: `leave_when_on_top(result)` instead of `dismiss(result)` after
    a background save."""

    _leave_with: tuple[object] | None = None

    def leave_when_on_top(self, result: object) -> None:
        if self.is_active:  # type: ignore[attr-defined]
            self.dismiss(result)  # type: ignore[attr-defined]
        else:
            self._leave_with = (result,)

    def on_screen_resume(self) -> None:
        if self._leave_with is not None:
            (result,), self._leave_with = self._leave_with, None
            self.dismiss(result)  # type: ignore[attr-defined]
