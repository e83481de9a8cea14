"""Shared fixtures: one real PostgreSQL for the whole run, a clean schema for every test, and a
real server process for tests that speak HTTP or WebSocket.

With ``BABELDESK_TEST_DATABASE_URL`` set (an admin URL to a server), tests create their database
there; otherwise they start the embedded PostgreSQL in a temporary directory.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psycopg
import pytest
from hypothesis import settings

from babeldesk.db.embedded import ensure_database, start_embedded, stop_embedded
from babeldesk.db.engine import Database
from babeldesk.db.migrate import upgrade
from babeldesk.db.tables import metadata
from babeldesk.demo.seed import DEMO_PASSWORD, seed_demo
from babeldesk.helpdesk.records import Agent

SECRET_KEY = "test-secret-key-for-signing-customer-tokens"

# The same examples on every run, so `make test` passes or fails alike on any machine; exploring with
# fresh random examples is for a session of its own (HYPOTHESIS_PROFILE=explore).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(scope="session")
def tmp_root() -> Iterator[Path]:
    # Short path: the embedded server's Unix socket lives here and socket paths are length-limited.
    with tempfile.TemporaryDirectory(prefix="bdt-", dir="/tmp") as root:
        yield Path(root)
        stop_embedded(Path(root) / "pg")


@pytest.fixture(scope="session")
def database_url(tmp_root: Path) -> str:
    admin = os.environ.get("BABELDESK_TEST_DATABASE_URL")
    name = f"babeldesk_test_{os.getpid()}"
    if admin:
        ensure_database(admin, name)
        url = urlsplit(admin)._replace(path=f"/{name}").geturl()
    else:
        url = start_embedded(tmp_root / "pg", database=name)
    upgrade(url)
    return url


TABLES = ", ".join(t.name for t in metadata.sorted_tables)


def truncate_all(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {TABLES}, procrastinate_jobs, procrastinate_workers RESTART IDENTITY CASCADE")


@pytest.fixture
def clean_db(database_url: str) -> str:
    truncate_all(database_url)
    return database_url


@pytest.fixture
async def db(clean_db: str) -> AsyncIterator[Database]:
    database = Database(clean_db, pool_size=2)
    yield database
    await database.dispose()


@dataclass(frozen=True)
class Demo:
    agents: dict[str, Agent]
    password: str = DEMO_PASSWORD


@pytest.fixture
async def demo(db: Database) -> Demo:
    async with db.transaction() as conn:
        return Demo(await seed_demo(conn))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServerProcess:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def server_env(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "BABELDESK_DATABASE_URL": database_url,
        "BABELDESK_DATA_DIR": str(data_dir),
        "BABELDESK_SECRET_KEY": SECRET_KEY,
        **extra,
    }


def start_server(database_url: str, data_dir: Path, **extra: str) -> ServerProcess:
    """``babeldesk serve`` in its own process, as a user would run it; returns once it answers."""
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / f"server-{port}.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "babeldesk", "serve", "--port", str(port)],
        env=server_env(database_url, data_dir, **extra),
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited:\n{log.read_text()}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return ServerProcess(url, process, log)
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"server did not start:\n{log.read_text()}")


@pytest.fixture(scope="session")
def server(database_url: str, tmp_root: Path) -> Iterator[ServerProcess]:
    proc = start_server(database_url, tmp_root / "server")
    yield proc
    proc.stop()


@pytest.fixture
async def client(server: ServerProcess, demo: Demo) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client for the running server, with the demo shop loaded."""
    async with httpx.AsyncClient(base_url=server.url, timeout=10) as http:
        yield http


async def login(http: httpx.AsyncClient, email: str, password: str = DEMO_PASSWORD) -> dict[str, str]:
    response = await http.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"authorization": f"Bearer {response.json()['token']}"}
