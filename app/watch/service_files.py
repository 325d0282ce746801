"""`teeter watch --install / --uninstall`: write or remove the one file that starts the
watcher at login (a systemd user unit on Linux, a launchd agent on macOS), and say exactly
what was done and what to run next. Nothing else is touched: no service manager is called,
so the person decides when it starts."""

from __future__ import annotations

import os
import shlex
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.storage.file.location import Location
from string import Template
from xml.sax.saxutils import escape

UNIT = "teeter-watch.service"
AGENT = "org.teeter.watch.plist"
MARKER = "Written by teeter"


@dataclass(frozen=True)
class ServiceFile:
    path: Path
    text: str
    start: str  # the command that starts it
    stop: str  # the command that stops it, before uninstalling


def command(db: Location | Path) -> list[str]:
    """How the service runs the watcher: this very Python, on this very database (a file's
    absolute path, or a server journal's URL)."""
    where = db if isinstance(db, Path) else db.connect_to
    shown = str(where.resolve()) if isinstance(where, Path) else where
    return [sys.executable, "-m", "app", "--db", shown, "watch"]


def for_platform(db: Location | Path) -> ServiceFile:
    argv = command(db)
    if sys.platform == "darwin":
        home = Path(os.environ.get("HOME") or Path.home())
        path = home / "Library" / "LaunchAgents" / AGENT
        arguments = "\n".join(f"    <string>{escape(arg)}</string>" for arg in argv)
        log = home / "Library" / "Logs" / "teeter-watch.log"
        text = _template(AGENT).substitute(arguments=arguments, log=escape(str(log)))
        return ServiceFile(
            path,
            text,
            start=f"launchctl load {shlex.quote(str(path))}",
            stop=f"launchctl unload {shlex.quote(str(path))}",
        )
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    path = Path(config) / "systemd" / "user" / UNIT
    text = _template(UNIT).substitute(command=" ".join(_systemd_quote(a) for a in argv))
    return ServiceFile(
        path,
        text,
        start=f"systemctl --user daemon-reload && systemctl --user enable --now {UNIT}",
        stop=f"systemctl --user disable --now {UNIT}",
    )


def install(service: ServiceFile) -> str:
    """Write the file (owner-only folder kept as it is); the lines that say what happened."""
    if service.path.exists():
        if service.path.read_text("utf-8") == service.text:
            return f"unchanged: {service.path} (already installed)\nto start it: {service.start}"
        if MARKER not in service.path.read_text("utf-8"):
            raise FileExistsError(f"{service.path} exists and was not written by teeter")
        verb = "replaced"
    else:
        verb = "wrote"
    service.path.parent.mkdir(parents=True, exist_ok=True)
    temporary = service.path.with_name(f".{service.path.name}.new")
    temporary.write_text(service.text, "utf-8")
    temporary.replace(service.path)
    return f"{verb}: {service.path}\nto start it now and at every login: {service.start}"


def uninstall(service: ServiceFile) -> str:
    if not service.path.exists():
        return f"nothing to remove: {service.path} does not exist"
    if MARKER not in service.path.read_text("utf-8"):
        raise FileExistsError(f"{service.path} was not written by teeter; left as it is")
    service.path.unlink()
    return f"removed: {service.path}\nif it is running, stop it with: {service.stop}"


def _template(name: str) -> Template:
    return Template(resources.files("app.watch").joinpath(name).read_text("utf-8"))


def _systemd_quote(arg: str) -> str:
    """systemd's own quoting: double quotes, with backslash, quote, $ and % escaped."""
    if arg and all(c.isalnum() or c in "/._-+=:," for c in arg):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return '"' + escaped.replace("$", "$$") + '"'
