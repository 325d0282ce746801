"""`teeter serve`: the app in a browser or on a phone, behind a secret link. The one teeter
command that opens a socket; it needs the optional extra (`pip install 'teeter[serve]'`)."""

from __future__ import annotations

import argparse
import sys

from app.serve.sessions import DEFAULT_IDLE_MINUTES, DEFAULT_MAX_SESSIONS

TYPE_CHECKING = False  # no typing import: shell commands stay light
if TYPE_CHECKING:
    from app.storage.file.location import Location

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8470
EXTRA_MISSING = "teeter serve: needs the serve extra: pip install 'teeter[serve]'"


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve",
        help="the app in a browser or on a phone, behind a secret link",
        description="Serve teeter to a web browser: every browser tab runs the app on the same "
        "database. Only a link with the secret token gets in (printed below, with a QR code "
        "for a phone). Binds to 127.0.0.1 unless --host says otherwise. Without "
        "--certfile/--keyfile the traffic is not encrypted. Needs `pip install "
        "'teeter[serve]'`.",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})"
    )
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--rotate-token",
        action="store_true",
        help="replace the secret token with a new one; old links stop working",
    )
    parser.add_argument(
        "--max-sessions",
        type=_positive(32),
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"browser sessions at once, each a teeter process (default {DEFAULT_MAX_SESSIONS})",
    )
    parser.add_argument(
        "--idle-minutes",
        type=_positive(24 * 60),
        default=DEFAULT_IDLE_MINUTES,
        metavar="N",
        help=f"close a session after N minutes without input (default {DEFAULT_IDLE_MINUTES})",
    )
    parser.add_argument("--certfile", metavar="PATH", help="TLS certificate (PEM), for https")
    parser.add_argument("--keyfile", metavar="PATH", help="TLS private key (PEM), for https")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError

    if bool(args.certfile) != bool(args.keyfile):
        raise UsageError("--certfile and --keyfile go together")
    try:
        import aiohttp  # noqa: F401
        import segno  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError:
        print(EXTRA_MISSING, file=sys.stderr)
        return 1
    from app.serve.launch import serve

    return serve(args, location)


def _port(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"a port is 0 to 65535, not {number}")
    return number


def _positive(largest: int):  # type: ignore[no-untyped-def]
    def parse(text: str) -> int:
        try:
            number = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if not 1 <= number <= largest:
            raise argparse.ArgumentTypeError(f"1 to {largest}, not {number}")
        return number

    return parse
