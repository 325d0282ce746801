"""`teeter watch`: a small foreground process (no Textual) that sends a desktop
notification when a spacing timer ends or the check-in reminder is due, exactly once, while
teeter is closed. `--install` / `--uninstall` write or remove the file that starts it at
login."""

from __future__ import annotations

import argparse
import sys

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "watch",
        help="desktop notifications for timers and the check-in reminder, teeter closed",
        description="Run in the foreground, sending a desktop notification when a spacing "
        "timer ends (the urge can be answered in it, or with 'teeter urge') and when the "
        "check-in reminder is due. Stops cleanly on SIGTERM or ctrl+c.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--install",
        action="store_true",
        help="write a systemd user unit (Linux) or launchd agent (macOS) that runs it at login",
    )
    which.add_argument("--uninstall", action="store_true", help="remove that file")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, location: Location) -> int:
    if args.install or args.uninstall:
        return _service_file(args.install, location)
    import asyncio
    import signal

    from app.clock import system_now
    from app.watch.desktop import NotifierMissing

    def log(message: str) -> None:
        print(f"{system_now():%Y-%m-%d %H:%M:%S} teeter watch: {message}", file=sys.stderr)

    try:
        from app.watch.runner import Watcher

        watcher = Watcher(location, system_now, log)
    except NotifierMissing as missing:
        print(f"teeter watch: {missing}", file=sys.stderr)
        return 1

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(number, stop.set)
        log(f"watching {location}")
        await watcher.run(stop)

    try:
        asyncio.run(main())
    finally:
        watcher.close()
    log("stopped")
    return 0


def _service_file(install: bool, location: Location) -> int:
    from app.cli import UsageError
    from app.storage.server.url import has_password
    from app.watch import service_files

    if install and location.is_server and has_password(location.url):
        raise UsageError(
            "the service file would hold the server's password; put it in ~/.pgpass (or "
            "PGPASSWORD in the service's environment) and give a URL without it"
        )
    service = service_files.for_platform(location)
    try:
        said = service_files.install(service) if install else service_files.uninstall(service)
    except FileExistsError as error:
        raise UsageError(str(error)) from None
    except OSError as error:
        print(f"teeter watch: {service.path}: {error.strerror}", file=sys.stderr)
        return 1
    print(said)
    return 0
