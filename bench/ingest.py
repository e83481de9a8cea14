"""Ingest: customer messages through the public widget API, against a bare insert on the same server.

One server process (``bench.bare_app``: the whole Babeldesk app plus ``POST /bench/bare``) serves
both routes over one engine, pool and database. N clients, each on its own keep-alive connection,
post as fast as answers come back (closed loop). Rounds alternate the order of the two routes so
drift (table growth, checkpoints, a busy neighbour) falls on both. Budget (DESIGN.md): Babeldesk
throughput at least half the bare route's.

    python -m bench.ingest [--clients 32] [--duration 4] [--rounds 4]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg

from bench.bare_app import BARE_PATH
from bench.harness import (
    REPO,
    SHARED_MACHINE_NOTE,
    Server,
    bench_database,
    free_port,
    json_line,
    latency_summary,
    run_async,
    server_process,
    table,
)
from bench.keepalive import CLIENTS, PostClient
from bench.machine import CpuMeter, noise_warning

MESSAGE_PATH = "/api/v1/widget/messages"
BUDGET_RATIO = 0.5
# A typical first message in a multilingual shop: a little over 100 characters, some multi-byte.
BODY = (
    "Hi, my order #{n} still hasn't arrived, could you check the tracking? / 我的订单还没到，请查一下物流。"
)


@dataclass
class RouteFigures:
    """Everything one route did in the measured phases (warm-up excluded)."""

    path: str
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    errors: int = 0
    per_round: list[float] = field(default_factory=list)
    cpu: list[dict[str, float]] = field(default_factory=list)

    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def report(self) -> dict[str, Any]:
        keys = self.cpu[0] if self.cpu else {}
        cpu = {k: round(sum(c[k] for c in self.cpu) / len(self.cpu), 1) for k in keys}
        return {
            "path": self.path,
            "messages_per_s": round(self.throughput(), 1),
            **latency_summary(self.latencies),
            "errors": self.errors,
            "rounds_messages_per_s": [round(t, 1) for t in self.per_round],
            **cpu,
            # What one message costs the server process in CPU: the figure to shrink.
            "server_cpu_ms_per_message": round(10 * cpu["server_cpu_pct"] / self.throughput(), 2)
            if cpu and self.throughput()
            else float("nan"),
        }


class Clients:
    """One keep-alive connection and one customer session per simulated client."""

    def __init__(self, kind: str, base_url: str, tokens: list[str]) -> None:
        make = CLIENTS[kind]
        self.conns: list[PostClient] = [make(base_url, {"authorization": f"Bearer {t}"}) for t in tokens]
        self.sent = itertools.count()

    async def close(self) -> None:
        await asyncio.gather(*(conn.close() for conn in self.conns))

    async def phase(self, path: str, seconds: float, figures: RouteFigures | None) -> int:
        """Post to ``path`` from every client until ``seconds`` pass; returns how many were stored."""
        started = time.perf_counter()
        deadline = started + seconds
        results = await asyncio.gather(*(self._client_loop(conn, path, deadline) for conn in self.conns))
        elapsed = time.perf_counter() - started
        latencies = [lat for ok, _ in results for lat in ok]
        if figures is not None:
            figures.latencies.extend(latencies)
            figures.elapsed += elapsed
            figures.errors += sum(errors for _, errors in results)
            figures.per_round.append(len(latencies) / elapsed)
        return len(latencies)

    async def _client_loop(self, conn: PostClient, path: str, deadline: float) -> tuple[list[float], int]:
        latencies: list[float] = []
        errors = 0
        while time.perf_counter() < deadline:
            n = next(self.sent)
            payload = {"body": BODY.format(n=n), "client_id": f"bench-{n:010d}"}
            began = time.perf_counter()
            try:
                status = await conn.post(path, payload)
            except (ConnectionError, OSError):
                errors += 1
                continue
            if status == 201:
                latencies.append(time.perf_counter() - began)
            else:
                errors += 1
        return latencies, errors


async def open_sessions(base_url: str, widget_key: str, count: int) -> list[str]:
    async with httpx.AsyncClient(base_url=base_url, timeout=30, trust_env=False) as http:
        responses = await asyncio.gather(
            *(http.post("/api/v1/widget/sessions", json={"widget_key": widget_key}) for _ in range(count))
        )
    for response in responses:
        response.raise_for_status()
    return [str(r.json()["token"]) for r in responses]


async def drive(
    server: Server, postmaster: int | None, widget_key: str, args: argparse.Namespace
) -> tuple[dict[str, RouteFigures], int]:
    """Warm both routes up, then measure them in alternating rounds; also counts accepted messages."""
    tokens = await open_sessions(server.url, widget_key, args.clients)
    clients = Clients(args.client, server.url, tokens)
    routes = {"babeldesk": RouteFigures(MESSAGE_PATH), "bare": RouteFigures(BARE_PATH)}
    accepted = 0
    try:
        for name, figures in routes.items():
            done = await clients.phase(figures.path, args.warmup, None)
            accepted += done if name == "babeldesk" else 0
        for round_no in range(args.rounds):
            order = ["bare", "babeldesk"] if round_no % 2 == 0 else ["babeldesk", "bare"]
            for name in order:
                meter = CpuMeter(server.process.pid, postmaster)
                meter.start()
                done = await clients.phase(routes[name].path, args.duration, routes[name])
                routes[name].cpu.append(meter.stop())
                accepted += done if name == "babeldesk" else 0
    finally:
        await clients.close()
    return routes, accepted


def stored_messages(url: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM messages WHERE client_id LIKE 'bench-%'").fetchone()
    return int(row[0]) if row else 0


def run(args: argparse.Namespace) -> dict[str, Any]:
    with bench_database() as db:
        with psycopg.connect(db.url) as conn:
            row = conn.execute("SELECT widget_key FROM workspaces WHERE slug = 'demo-shop'").fetchone()
        assert row is not None, "the demo shop was not loaded"
        port = free_port()
        argv = [
            "-m", "uvicorn", "--factory", "bench.bare_app:create", "--app-dir", str(REPO),
            "--host", "127.0.0.1", "--port", str(port), "--ws-max-size", "1000000", "--log-level", "info",
        ]  # fmt: skip
        with server_process(argv, db.url, db.scratch, port) as server:
            routes, accepted = run_async(drive(server, db.postmaster, str(row[0]), args))
        in_db = stored_messages(db.url)
    return summarise(routes, accepted, in_db, args)


def summarise(
    routes: dict[str, RouteFigures], accepted: int, in_db: int, args: argparse.Namespace
) -> dict[str, Any]:
    real, bare = routes["babeldesk"].report(), routes["bare"].report()
    throughput_ratio = real["messages_per_s"] / bare["messages_per_s"] if bare["messages_per_s"] else 0.0
    p99_ratio = real["p99_ms"] / bare["p99_ms"] if bare["p99_ms"] else float("nan")
    return {
        "benchmark": "ingest",
        "clients": args.clients,
        "duration_s": args.duration,
        "rounds": args.rounds,
        "client": args.client,
        "babeldesk": real,
        "bare": bare,
        "throughput_ratio": round(throughput_ratio, 3),
        "p99_ratio": round(p99_ratio, 3),
        "budget_throughput_ratio": BUDGET_RATIO,
        "within_budget": throughput_ratio >= BUDGET_RATIO,
        # Every 201 from the widget API, warm-up included, must be one stored message.
        "messages_accepted": accepted,
        "messages_in_database": in_db,
    }


def print_report(result: dict[str, Any]) -> None:
    keys = ["messages_per_s", "p50_ms", "p99_ms", "max_ms", "errors", "server_cpu_ms_per_message"]
    cpu = ["server", "postgres", "client", "other", "machine"]
    rows = [
        [name, *(result[name][k] for k in keys), *(result[name].get(f"{c}_cpu_pct", "") for c in cpu)]
        for name in ("babeldesk", "bare")
    ]
    print(
        f"\ningest: {result['clients']} clients ({result['client']} HTTP/1.1 keep-alive), "
        f"{result['rounds']} x {result['duration_s']}s per route, rounds alternating"
    )
    headers = ["route", "msg/s", "p50 ms", "p99 ms", "max ms", "errors", "server cpu ms/msg"]
    print(table([*headers, *(f"{c} cpu%" for c in cpu)], rows))
    verdict = "within" if result["within_budget"] else "OVER"
    print(
        f"babeldesk/bare: throughput {result['throughput_ratio']:.2f} (budget >= {BUDGET_RATIO}: {verdict}), "
        f"p99 {result['p99_ratio']:.2f}"
    )
    print(
        f"messages accepted {result['messages_accepted']}, in the database {result['messages_in_database']}"
    )
    print(f"note: {SHARED_MACHINE_NOTE}; cpu% is of one CPU, 'other' is everything else on the machine")
    if warning := noise_warning([result[r].get("other_cpu_pct", 0.0) for r in ("babeldesk", "bare")]):
        print(warning)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32, help="concurrent customers (default 32)")
    parser.add_argument("--duration", type=float, default=4, help="seconds per route per round (default 4)")
    parser.add_argument("--rounds", type=int, default=4, help="alternating rounds (default 4)")
    parser.add_argument(
        "--client", choices=sorted(CLIENTS), default="raw", help="load generator's HTTP client (default raw)"
    )
    parser.add_argument("--warmup", type=float, default=3, help="warm-up seconds per route (default 3)")
    return parser


def main(argv: list[str] | None = None) -> int:
    result = run(build_parser().parse_args(argv))
    print_report(result)
    print(json_line(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
