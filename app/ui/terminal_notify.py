"""A real terminal notification besides the bell, for terminals that show one: OSC 9
(iTerm2, Windows Terminal), OSC 777 (foot, VTE-based terminals, Ghostty, WezTerm), OSC 99
(kitty). The terminal is recognised from the environment it sets; inside tmux the
sequence is wrapped for passthrough (tmux needs `set -g allow-passthrough on`) and the
outer terminal is recognised by the variables it left behind. Unknown terminals get the
bell alone. No Textual here: pure text in, bytes out."""

from __future__ import annotations

from collections.abc import Mapping

from app.domain.text import one_line

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"


def protocol(env: Mapping[str, str]) -> str | None:
    """`99`, `9`, `777`, or None when the terminal is not one we know shows notifications."""
    term = env.get("TERM", "")
    program = env.get("TERM_PROGRAM", "")
    if env.get("KITTY_WINDOW_ID") or term == "xterm-kitty":
        return "99"
    if program == "iTerm.app" or env.get("LC_TERMINAL") == "iTerm2" or env.get("WT_SESSION"):
        return "9"
    if (
        program in ("WezTerm", "ghostty")
        or env.get("WEZTERM_PANE")
        or term in ("xterm-ghostty",)
        or term.startswith("foot")
        or env.get("VTE_VERSION")
    ):
        return "777"
    return None


def sequence(env: Mapping[str, str], title: str, body: str) -> str | None:
    """The bytes that make this terminal show `title` and `body`, or None."""
    found = protocol(env)
    if found is None:
        return None
    title, body = _clean(title), _clean(body)
    if found == "99":
        text = f"{ESC}]99;i=teeter:d=0;{title}{ST}{ESC}]99;i=teeter:p=body;{body}{ST}"
    elif found == "9":
        text = f"{ESC}]9;{title}: {body}{BEL}"
    else:
        text = f"{ESC}]777;notify;{title.replace(';', ',')};{body.replace(';', ',')}{ST}"
    return tmux_wrap(text) if env.get("TMUX") else text


def tmux_wrap(text: str) -> str:
    """tmux passes a sequence to the outer terminal when it is wrapped in DCS tmux; ... ST
    with every ESC inside doubled."""
    return f"{ESC}Ptmux;{text.replace(ESC, ESC + ESC)}{ST}"


def _clean(text: str) -> str:
    """One line with no control characters: a name can never end the sequence early."""
    return one_line(text)
