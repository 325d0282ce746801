"""A throwaway PostgreSQL 15 cluster for the tests: made with `initdb` in a temporary folder,
listening only on a Unix socket there (no TCP port), with password authentication (so a
wrong password is really refused), and stopped and deleted at the end of the session.

PostgreSQL refuses to run as root, so as root (CI) the cluster runs as the `postgres` user;
as anyone else it runs as that user. Each test gets a fresh database of its own."""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

BIN_DIRS = (Path("/usr/lib/postgresql/15/bin"), Path("/usr/local/bin"))
SUPERUSER, SUPERPASSWORD = "postgres", "super-secret"
USER, PASSWORD = "teeter", "p@ss word/secret"  # a password that needs quoting in a URL


def binary(name: str) -> Path | None:
    for folder in BIN_DIRS:
        if (folder / name).is_file():
            return folder / name
    found = shutil.which(name)
    return Path(found) if found else None


def unavailable() -> str | None:
    """Why no cluster can be started here, or None."""
    for name in ("initdb", "pg_ctl", "postgres"):
        if binary(name) is None:
            return f"PostgreSQL's {name} is not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root, and there is no postgres user to run the server as"
    return None


class Cluster:
    """One running server; `url(db)` is a teeter URL for database `db` on it."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="teeter-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.log = self.root / "server.log"
        self._names = itertools.count(1)
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chmod(self.root, 0o755)
            for path in (self.root, self.socket_dir):
                os.chown(path, owner.pw_uid, owner.pw_gid)

    def start(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(SUPERPASSWORD + "\n")
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(pwfile, owner.pw_uid, owner.pw_gid)
        self._run(
            str(binary("initdb")),
            "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}",
            "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        pwfile.unlink()
        self.pg_ctl("start", "-w")
        self.admin(f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}' CREATEDB")

    def pg_ctl(self, *args: str) -> None:
        options = f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off"
        self._run(
            str(binary("pg_ctl")), "-D", str(self.data), "-o", options, "-l", str(self.log),
            *args,
        )  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("stop", "-m", mode, "-w")

    def restart_after_kill(self) -> None:
        """Start again after the server was killed (the test's own doing)."""
        (self.data / "postmaster.pid").unlink(missing_ok=True)
        self.pg_ctl("start", "-w")

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().splitlines()[0])

    def close(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, *command: str) -> None:
        # The server keeps the real clock, as a server on another machine would: a suite run
        # under faketime (.ci/run's night run) must not preload it into PostgreSQL, whose
        # lock timeouts then fire at once.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LD_PRELOAD", "FAKETIME"))}
        subprocess.run([*self._as, *command], check=True, capture_output=True, cwd="/", env=env)

    def admin(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir),
            user=SUPERUSER,
            password=SUPERPASSWORD,
            dbname=database,
            autocommit=True,
        ) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def new_database(self) -> str:
        name = f"journal_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} OWNER {USER}")
        return name

    def url(self, database: str, *, password: str | None = PASSWORD, user: str = USER) -> str:
        auth = quote(user, safe="") + (f":{quote(password, safe='')}" if password else "")
        return f"postgresql://{auth}@/{database}?host={quote(str(self.socket_dir), safe='')}"
