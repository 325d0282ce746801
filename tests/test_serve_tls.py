"""`teeter serve --certfile/--keyfile`: the same lock, over https."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.serve_helpers import served

pytest.importorskip("textual_serve", reason="needs the serve extra")
if shutil.which("openssl") is None:
    pytest.skip("needs openssl to make a test certificate", allow_module_level=True)


def test_with_a_certificate_the_link_is_https_and_the_token_still_guards_it(
    tmp_path: Path, loopback_only: None
) -> None:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    unverified = ssl.create_default_context()
    unverified.check_hostname = False
    unverified.verify_mode = ssl.CERT_NONE  # a self-signed test certificate
    with served(tmp_path, tmp_path / "t.db", "--certfile", str(cert), "--keyfile", str(key)) as s:
        assert s.url.startswith("https://127.0.0.1:")
        with urllib.request.urlopen(s.url, context=unverified, timeout=20) as response:
            page = response.read().decode()
        assert response.status == 200
        assert f"wss://{s.origin.removeprefix('https://')}/{s.token}/ws" in page
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{s.origin}/", context=unverified, timeout=20)
        assert refused.value.code == 403
        assert s.sessions() == []


def test_a_certificate_that_cannot_be_used_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "cert.pem").write_text("not a certificate\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "--db",
            str(tmp_path / "t.db"),
            "serve",
            "--certfile",
            str(tmp_path / "cert.pem"),
            "--keyfile",
            str(tmp_path / "cert.pem"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("teeter serve: cannot use ")
    assert result.stderr.count("\n") == 1
