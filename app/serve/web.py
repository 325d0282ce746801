"""The web server behind `teeter serve`, built on textual-serve: its `AppService` runs one
teeter process per browser tab and its page script (xterm.js) draws it. textual-serve's own
server has no lock and its page loads a font from the web, so teeter uses only those two
parts and adds, around them: the token on every request (403 and no process without it), a
page of its own that loads nothing from elsewhere (and a Content-Security-Policy that
forbids it), a cap on sessions, closing idle ones, and a clean quit of each on shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import json
import shlex
import string
from collections.abc import Awaitable, Callable
from pathlib import Path

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from app.serve import token as tokens
from app.serve.sessions import Session, SessionRegistry

PACKAGE_STATIC = Path(textual_serve.__file__).with_name("static")
OWN_STATIC = Path(__file__).with_name("static")
PAGE = string.Template(Path(__file__).with_name("page.html").read_text(encoding="utf-8"))

QUIT_GRACE_SECONDS = 10.0  # time an app gets to quit on its own before it is stopped
HEADERS = {
    # 'self' only: even a crafted link (textual.js fetches a `?ping=` URL) reaches no one else
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


class TeeterServer:
    """One aiohttp application serving teeter under `/<token>/`."""

    def __init__(
        self,
        command: list[str],
        secret: str,
        registry: SessionRegistry,
        say: Callable[[str], None] = print,
        sweep_seconds: float | None = None,
    ) -> None:
        self.command = shlex.join(command)
        # how often idle sessions are looked for: often enough that none outstays its limit
        # by more than a quarter
        self.sweep_seconds = sweep_seconds or max(1.0, min(30.0, registry.idle_seconds / 4))
        self.secret = secret
        self.registry = registry
        self.say = say
        self._endings: dict[int, asyncio.Task[None]] = {}
        self._reaper: asyncio.Task[None] | None = None

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard])
        base = f"/{self.secret}"
        app.add_routes(
            [
                web.get(f"{base}/", self._index),
                web.get(f"{base}/ws", self._websocket),
                web.static(f"{base}/static", PACKAGE_STATIC),
                web.static(f"{base}/teeter", OWN_STATIC),
            ]
        )
        app.on_response_prepare.append(_add_headers)
        app.on_startup.append(self._start_reaper)
        app.on_shutdown.append(self._end_all)
        return app

    # --- every request --------------------------------------------------------------
    @web.middleware
    async def _guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """The token is the first part of every path, the websocket's included. Without it
        nothing else runs: no page, no file, no process."""
        given, slash, _rest = request.path.removeprefix("/").partition("/")
        if not tokens.matches(given, self.secret):
            return web.Response(status=403, text="403: this link needs teeter's secret token\n")
        if not slash:
            raise web.HTTPFound(f"/{self.secret}/")
        return await handler(request)

    async def _index(self, request: web.Request) -> web.Response:
        if self.registry.full:
            return _full(self.registry.limit)
        scheme = "wss" if request.secure else "ws"
        page = PAGE.substitute(
            base=f"/{self.secret}/",
            websocket=_attribute(f"{scheme}://{request.host}/{self.secret}/ws"),
        )
        return web.Response(text=page, content_type="text/html")

    # --- one browser tab ------------------------------------------------------------
    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=1 << 16)
        if not websocket.can_prepare(request).ok:
            return web.Response(status=400, text="400: a websocket is expected here\n")
        session = self.registry.reserve()
        if session is None:
            return _full(self.registry.limit)
        try:
            await websocket.prepare(request)

            async def close() -> None:
                await websocket.close()

            service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=DownloadManager(),
            )
            session.handle = (websocket, service)
            self.say(f"session {session.number} opened ({len(self.registry)} in use)")
            await service.start(_cells(request, "width", 80), _cells(request, "height", 24))
            await self._relay(websocket, service, session)
        finally:
            await self.end(session, "closed")
        return websocket

    async def _relay(
        self, websocket: web.WebSocketResponse, service: AppService, session: Session
    ) -> None:
        """What the page sends: keys and taps, its size, focus. Anything else is ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, *data = json.loads(message.data)
            except (ValueError, TypeError):
                continue
            if kind == "stdin" and data and isinstance(data[0], str):
                self.registry.touched(session)
                await service.send_bytes(data[0].encode("utf-8", "replace"))
            elif kind == "resize" and data and isinstance(data[0], dict):
                size = data[0]
                width, height = _clamp(size.get("width"), 80), _clamp(size.get("height"), 24)
                await service.set_terminal_size(width, height)
            elif kind == "ping" and data:
                await websocket.send_json(["pong", data[0]])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def end(self, session: Session, reason: str) -> None:
        """Quit a session's app the way `q` does (what it saved stays saved, the database
        closes cleanly), then close its tab. Safe to call from several places at once."""
        if session.number not in self._endings:
            session.closing = True
            self._endings[session.number] = asyncio.ensure_future(self._quit(session, reason))
        await asyncio.shield(self._endings[session.number])

    async def _quit(self, session: Session, reason: str) -> None:
        try:
            if session.handle is not None:
                websocket, service = session.handle
                await _stop(service)
                await websocket.close()
        finally:
            self.registry.release(session)
            self.say(f"session {session.number} {reason} ({len(self.registry)} in use)")

    # --- the whole server -----------------------------------------------------------
    async def _start_reaper(self, _app: web.Application) -> None:
        self._reaper = asyncio.create_task(self._reap_idle())

    async def _reap_idle(self) -> None:
        while True:
            await asyncio.sleep(self.sweep_seconds)
            minutes = round(self.registry.idle_seconds / 60)
            for session in self.registry.idle():
                asyncio.ensure_future(self.end(session, f"closed after {minutes} min idle"))

    async def _end_all(self, _app: web.Application) -> None:
        if self._reaper is not None:
            self._reaper.cancel()
        sessions = self.registry.all()
        await asyncio.gather(*(self.end(s, "closed: teeter serve stopped") for s in sessions))


async def _stop(service: AppService) -> None:
    process = service._process  # textual-serve keeps it private; pinned to 1.1.x
    try:
        await asyncio.wait_for(service.stop(), QUIT_GRACE_SECONDS)
    except TimeoutError:
        if process is not None and process.returncode is None:
            process.terminate()
    if process is not None:
        try:
            await asyncio.wait_for(process.wait(), QUIT_GRACE_SECONDS)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()


async def _add_headers(_request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(HEADERS)


def _full(limit: int) -> web.Response:
    return web.Response(
        status=503,
        text=f"503: all {limit} teeter sessions are in use; close one and reload\n",
    )


def _attribute(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def _cells(request: web.Request, name: str, default: int) -> int:
    return _clamp(request.query.get(name), default)


def _clamp(value: object, default: int) -> int:
    """A size in cells from the page, kept sane: a huge one would make the app draw (and
    allocate) for a screen nobody has."""
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
    return max(10, min(number, 400))
