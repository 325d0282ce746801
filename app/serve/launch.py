"""Starting `teeter serve`: check the database, load the token, listen, print the link and
its QR code, and on SIGTERM or ctrl+c quit every session before leaving."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import ssl
import sys

from app.paths import ENV_DB
from app.serve import token as tokens
from app.serve.sessions import SessionRegistry
from app.storage.file.location import Location

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
WILDCARD = {"0.0.0.0", "::", ""}


def serve(args: argparse.Namespace, location: Location) -> int:
    from app.cli import UsageError
    from app.paths import serve_token_path
    from app.storage.file.errors import StorageError
    from app.storage.file.files import prepare

    try:  # a damaged or newer journal, or a server that refuses, is said here, not in every tab
        if location.is_file:
            prepare(location.path)
        else:
            from app.storage.file.database import Database

            Database(location).close()
    except StorageError as error:
        print(f"teeter: {error}", file=sys.stderr)
        return 1
    context = _tls(args.certfile, args.keyfile) if args.certfile else None
    path = serve_token_path()
    try:
        secret = tokens.rotate(path) if args.rotate_token else tokens.load_or_create(path)
    except tokens.TokenError as error:
        raise UsageError(str(error)) from None
    from app.serve.web import TeeterServer

    registry = SessionRegistry(args.max_sessions, args.idle_minutes * 60)
    command = [sys.executable, "-m", "app"]
    if location.is_file:
        command += ["--db", str(location.path)]
    else:  # each tab finds the URL in its environment, never in its command line (ps)
        os.environ[ENV_DB] = location.url
    db_path = location
    server = TeeterServer(command, secret, registry, say=_say)
    try:
        asyncio.run(_listen(server, args.host, args.port, context, args, db_path, path))
    except OSError as error:
        print(
            f"teeter serve: cannot listen on {args.host}:{args.port} ({_reason(error)})",
            file=sys.stderr,
        )
        return 1
    return 0


async def _listen(server, host, port, context, args, db_path, token_path) -> None:  # type: ignore[no-untyped-def]
    from aiohttp import web

    runner = web.AppRunner(server.application(), access_log=None, shutdown_timeout=15)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port, ssl_context=context)
        await site.start()
        bound = runner.addresses[0][1]
        _announce(server.secret, host, bound, context is not None, args, db_path, token_path)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
        _say("stopping: every session quits as with q")
    finally:
        await runner.cleanup()


def _announce(secret, host, port, secure, args, db_path, token_path) -> None:  # type: ignore[no-untyped-def]
    scheme = "https" if secure else "http"
    urls = [f"{scheme}://{_url_host(name)}:{port}/{secret}/" for name in _shown_hosts(host)]
    lines = [f"teeter serve: {db_path} for anyone with this link (keep it secret):"]
    lines += [f"  {url}" for url in urls]
    print("\n".join(lines), flush=True)
    import segno

    segno.make(urls[0], error="l").terminal(out=sys.stdout, compact=True, border=2)
    print(
        f"Token kept in {token_path} (--rotate-token replaces it). Up to {args.max_sessions} "
        f"sessions; one idle for {args.idle_minutes} min is closed. ctrl+c stops.",
        flush=True,
    )
    if not secure and host not in LOOPBACK:
        print(
            "teeter serve: warning: without --certfile/--keyfile the traffic, token "
            "included, is not encrypted on your network",
            file=sys.stderr,
            flush=True,
        )


def _shown_hosts(host: str) -> list[str]:
    """The addresses a phone can use: for a wildcard bind, this machine's own non-loopback
    addresses (its network interfaces, then what its name resolves to), else the name."""
    if host not in WILDCARD:
        return [host]
    found = [address for address in _interface_addresses() + _name_addresses() if address]
    outside = [a for a in dict.fromkeys(found) if not a.startswith("127.") and a != "::1"]
    return outside or [socket.gethostname()]


def _interface_addresses() -> list[str]:
    """IPv4 addresses of this machine's interfaces, as Linux's `ip` lists them (a name such
    as `laptop` often resolves to 127.0.1.1 only, which no phone can use)."""
    import subprocess

    try:
        listing = subprocess.run(
            ["ip", "-4", "-o", "addr", "show", "scope", "global"],
            capture_output=True,
            text=True,
            timeout=2,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    fields = (line.split() for line in listing.splitlines())
    return [parts[3].split("/")[0] for parts in fields if len(parts) > 3 and parts[2] == "inet"]


def _name_addresses() -> list[str]:
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return []
    return [str(info[4][0]) for info in infos]


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _tls(certfile: str, keyfile: str) -> ssl.SSLContext:
    from app.cli import UsageError

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(certfile, keyfile)
    except (OSError, ssl.SSLError) as error:
        raise UsageError(
            f"cannot use {certfile} and {keyfile} for TLS ({_reason(error)})"
        ) from None
    return context


def _reason(error: OSError | ssl.SSLError) -> str:
    return str(getattr(error, "strerror", None) or getattr(error, "reason", None) or error)


def _say(line: str) -> None:
    print(f"teeter serve: {line}", flush=True)
