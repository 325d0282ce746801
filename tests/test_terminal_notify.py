"""Terminal notifications, byte for byte, for each terminal teeter recognises, and inside
tmux (wrapped for passthrough, with the outer terminal recognised from what it left)."""

from __future__ import annotations

import pytest

from app.ui.terminal_notify import protocol, sequence

TITLE, BODY = "coffee: timer done", "How strong is the craving now? (1-10)"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {"TERM": "xterm-kitty", "KITTY_WINDOW_ID": "3"},
            "\x1b]99;i=teeter:d=0;coffee: timer done\x1b\\"
            "\x1b]99;i=teeter:p=body;How strong is the craving now? (1-10)\x1b\\",
        ),
        (
            {"TERM_PROGRAM": "iTerm.app"},
            "\x1b]9;coffee: timer done: How strong is the craving now? (1-10)\x07",
        ),
        (
            {"WT_SESSION": "0b7c"},
            "\x1b]9;coffee: timer done: How strong is the craving now? (1-10)\x07",
        ),
        (
            {"TERM": "foot"},
            "\x1b]777;notify;coffee: timer done;How strong is the craving now? (1-10)\x1b\\",
        ),
        (
            {"VTE_VERSION": "7600", "TERM": "xterm-256color"},
            "\x1b]777;notify;coffee: timer done;How strong is the craving now? (1-10)\x1b\\",
        ),
        (
            {"TERM_PROGRAM": "ghostty", "TERM": "xterm-ghostty"},
            "\x1b]777;notify;coffee: timer done;How strong is the craving now? (1-10)\x1b\\",
        ),
        (
            {"TERM_PROGRAM": "WezTerm"},
            "\x1b]777;notify;coffee: timer done;How strong is the craving now? (1-10)\x1b\\",
        ),
    ],
)
def test_each_terminal_gets_its_own_sequence(env: dict[str, str], expected: str) -> None:
    assert sequence(env, TITLE, BODY) == expected


def test_inside_tmux_the_sequence_is_wrapped_with_escapes_doubled() -> None:
    env = {"TMUX": "/tmp/tmux-0/default,1,0", "TERM": "tmux-256color", "KITTY_WINDOW_ID": "1"}
    assert sequence(env, TITLE, BODY) == (
        "\x1bPtmux;"
        "\x1b\x1b]99;i=teeter:d=0;coffee: timer done\x1b\x1b\\"
        "\x1b\x1b]99;i=teeter:p=body;How strong is the craving now? (1-10)\x1b\x1b\\"
        "\x1b\\"
    )
    iterm = {"TMUX": "x", "TERM_PROGRAM": "tmux", "LC_TERMINAL": "iTerm2"}
    assert sequence(iterm, "a", "b") == "\x1bPtmux;\x1b\x1b]9;a: b\x07\x1b\\"


def test_unknown_terminals_get_the_bell_alone() -> None:
    assert protocol({"TERM": "xterm-256color"}) is None
    assert sequence({"TERM": "linux"}, TITLE, BODY) is None
    assert sequence({"TMUX": "x", "TERM": "screen"}, TITLE, BODY) is None


def test_a_name_can_never_end_the_sequence_or_add_fields() -> None:
    hostile = "tea\x1b\\\x07;evil\x9c\nnext"
    assert sequence({"TERM": "foot"}, hostile, "b;c") == (
        "\x1b]777;notify;tea\\,evil next;b,c\x1b\\"
    )
    assert "\x07" not in sequence({"TERM_PROGRAM": "iTerm.app"}, hostile, "b")[:-1]  # type: ignore[index]
