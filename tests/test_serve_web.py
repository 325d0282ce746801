"""`teeter serve`'s web layer in process, on loopback: the token guards every path, a request
without it starts no process, and the page asks nothing of any other host."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="needs the serve extra")

from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from app.serve.sessions import SessionRegistry  # noqa: E402
from app.serve.web import TeeterServer  # noqa: E402

SECRET = "t" * 20 + "-_" + "x" * 21
UPGRADE = {
    "Connection": "Upgrade",
    "Upgrade": "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
}


@pytest.fixture
async def client(tmp_path: Path, loopback_only: None):  # type: ignore[no-untyped-def]
    """A server whose "app" only leaves a mark, so a test sees whether a process started."""
    marker = tmp_path / "started"
    command = [sys.executable, "-c", f"open({str(marker)!r}, 'w')"]
    server = TeeterServer(command, SECRET, SessionRegistry(limit=2), say=lambda line: None)
    async with TestClient(TestServer(server.application(), host="127.0.0.1")) as test_client:
        test_client.marker = marker  # type: ignore[attr-defined]
        yield test_client


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/ws",
        "/static/js/textual.js",
        "/favicon.ico",
        "/wrong/",
        f"/{SECRET[:-1]}/",
        f"/{SECRET}x/",
        f"/x{SECRET}/ws",
        f"/{SECRET.upper()}/",
        f"/wrong/{SECRET}/",
    ],
)
async def test_without_the_token_every_path_is_403(client: TestClient, path: str) -> None:
    response = await client.get(path)
    assert response.status == 403
    assert "secret token" in await response.text()
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


async def test_a_websocket_upgrade_without_the_token_is_403_and_starts_nothing(
    client: TestClient,
) -> None:
    for path in ("/ws", "/wrong/ws", f"/{SECRET[:-1]}/ws"):
        response = await client.get(path, headers=UPGRADE)
        assert response.status == 403
    assert not client.marker.exists()  # type: ignore[attr-defined]


async def test_with_the_token_the_page_loads_only_from_this_server(client: TestClient) -> None:
    response = await client.get(f"/{SECRET}/")
    assert response.status == 200
    page = await response.text()
    host = f"{client.host}:{client.port}"
    assert f'data-session-websocket-url="ws://{host}/{SECRET}/ws"' in page
    assert re.findall(r"https?://", page) == []  # every other URL is relative to this server
    for url in re.findall(r'(?:href|src)="([^"]+)"', page):
        if url.startswith("data:"):
            continue
        assert url.startswith(f"/{SECRET}/")
        assert (await client.get(url)).status == 200, url
    css = await (await client.get(f"/{SECRET}/teeter/page.css")).text()
    assert re.findall(r"https?://", css) == []
    policy = response.headers["Content-Security-Policy"]
    assert "connect-src 'self'" in policy and "font-src 'self'" in policy
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert not client.marker.exists()  # type: ignore[attr-defined]  # a page alone starts nothing


async def test_the_bare_token_path_redirects_and_folders_are_not_listed(
    client: TestClient,
) -> None:
    response = await client.get(f"/{SECRET}", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"] == f"/{SECRET}/"
    assert (await client.get(f"/{SECRET}/static/")).status in (403, 404)
    assert (await client.get(f"/{SECRET}/static/../server.py")).status in (403, 404)


def test_serve_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None; "
        "from app.cli import main; sys.exit(main(['--db', sys.argv[1], 'serve']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "t.db")], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr == "teeter serve: needs the serve extra: pip install 'teeter[serve]'\n"
    assert result.stdout == ""
    assert not (tmp_path / "t.db").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--certfile", "cert.pem"], "--certfile and --keyfile go together"),
        (["--port", "70000"], "a port is 0 to 65535"),
        (["--max-sessions", "0"], "1 to 32"),
        (["--idle-minutes", "soon"], "not a whole number"),
    ],
)
def test_bad_serve_options_are_one_line_and_exit_2(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(tmp_path / "t.db"), "serve", *arguments],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "t.db").exists()


def test_a_token_file_others_can_read_stops_serve_before_it_listens(tmp_path: Path) -> None:
    token_file = tmp_path / "config" / "teeter" / "serve-token"
    token_file.parent.mkdir(parents=True)
    token_file.write_text("a" * 43 + "\n")
    token_file.chmod(0o644)
    result = subprocess.run(
        [sys.executable, "-m", "app", "--db", str(tmp_path / "t.db"), "serve"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("teeter serve: the token file ")
    assert "--rotate-token" in result.stderr
    assert result.stderr.count("\n") == 1


async def test_a_quiet_session_is_closed_by_the_idle_sweep(loopback_only: None) -> None:
    """The sweep runs while the server does; a session past the idle limit is ended and its
    place freed (the monotonic clock is a fake one the test moves)."""
    import asyncio

    class Monotonic:
        now = 100.0

        def __call__(self) -> float:
            return self.now

    clock = Monotonic()
    registry = SessionRegistry(limit=2, idle_seconds=60, monotonic=clock)
    said: list[str] = []
    server = TeeterServer(
        [sys.executable, "-c", "pass"], SECRET, registry, say=said.append, sweep_seconds=0.05
    )
    async with TestClient(TestServer(server.application(), host="127.0.0.1")):
        quiet = registry.reserve()  # a session whose tab went quiet (no process needed)
        assert quiet is not None and len(registry) == 1
        clock.now += 61
        for _ in range(200):
            if not len(registry):
                break
            await asyncio.sleep(0.05)
        assert len(registry) == 0
        assert said == ["session 1 closed after 1 min idle (0 in use)"]
