"""Realtime: how many widget sockets one server holds, and how fast messages cross them.

For each step K of a ramp, the widget sockets are topped up to K (each a customer of the demo shop)
next to one agent console socket. Then, at a fixed rate, a sample of those customers write over
their sockets while the agent replies to them over the API, and two delays are measured:

- customer → console: widget frame sent → the console's ``message.created`` with that ``client_id``;
- agent → customer: reply POSTed → the customer's widget socket receives it.

A step is held when every socket is still open, nothing was lost, and both p99s are under 250 ms
(DESIGN.md: 10,000 sockets on 2 cores, p99 agent → customer under 250 ms). The ramp goes on past a
step that was too slow, and stops at the first step whose sockets did not all connect and stay open.

    python -m bench.realtime [--steps 100,500,1000,2000] [--max K] [--rate 20] [--duration 5]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import time
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException

from babeldesk.demo.seed import DEMO_PASSWORD
from bench.harness import (
    DEMO_AGENT,
    SHARED_MACHINE_NOTE,
    Server,
    bench_database,
    free_port,
    json_line,
    latency_summary,
    raise_fd_limit,
    run_async,
    server_process,
    table,
)
from bench.machine import CpuMeter, noise_warning, resident_mb
from bench.realtime_clients import Crowd, Probe, console_reader

DEFAULT_STEPS = (100, 500, 1000, 2000)
LADDER = (100, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000)
BUDGET_P99_MS = 250.0


async def measure(
    crowd: Crowd, http: httpx.AsyncClient, rate: float, seconds: float, grace: float
) -> dict[str, Any]:
    """Open-loop traffic at ``rate`` messages/s each way for ``seconds``; waits ``grace`` for stragglers."""
    to_console, acks, to_customer = Probe(), Probe(), Probe()
    crowd.listen(to_console, acks, to_customer)
    post_latencies: list[float] = []
    post_errors = 0

    async def customer_writes(n: int) -> None:
        customer = crowd.sample[n % len(crowd.sample)]
        client_id = f"rt-c-{crowd.next_id():08d}"
        to_console.sent(client_id)
        acks.sent(client_id)
        assert customer.socket is not None
        frame = {"type": "message", "client_id": client_id, "body": f"q {n}"}
        try:
            await customer.socket.send(json.dumps(frame))
        except WebSocketException:
            to_console.failed(client_id)
            acks.failed(client_id)

    async def agent_replies(n: int) -> None:
        nonlocal post_errors
        customer = crowd.sample[(n + len(crowd.sample) // 2) % len(crowd.sample)]
        client_id = f"rt-a-{crowd.next_id():08d}"
        to_customer.sent(client_id)
        began = time.perf_counter()
        path = f"/api/v1/conversations/{customer.conversation_id}/messages"
        try:
            response = await http.post(path, json={"body": f"a {n}", "client_id": client_id})
        except httpx.HTTPError:
            response = None
        if response is not None and response.status_code == 201:
            post_latencies.append(time.perf_counter() - began)
        else:
            post_errors += 1
            to_customer.failed(client_id)

    tasks: list[asyncio.Task[None]] = []
    start = time.perf_counter()
    for n in range(round(rate * seconds)):
        await asyncio.sleep(max(0.0, start + n / rate - time.perf_counter()))
        tasks.append(asyncio.create_task(customer_writes(n)))
        tasks.append(asyncio.create_task(agent_replies(n)))
    await asyncio.gather(*tasks)
    settled = asyncio.gather(*(p.settled.wait() for p in (to_console, acks, to_customer)))
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(settled, grace)
    return {
        "customer_to_console": to_console.summary(),
        "customer_ack": acks.summary(),
        "agent_to_customer": to_customer.summary(),
        "agent_post": {**latency_summary(post_latencies), "errors": post_errors},
    }


async def step(
    crowd: Crowd,
    http: httpx.AsyncClient,
    server: Server,
    postmaster: int | None,
    k: int,
    args: argparse.Namespace,
) -> dict[str, Any]:
    """Top the sockets up to ``k``, let them settle, then measure traffic across them."""
    connected = await crowd.grow(k, args.connect_concurrency)
    await asyncio.sleep(args.settle)
    rss = resident_mb(server.process.pid)
    meter = CpuMeter(server.process.pid, postmaster)
    meter.start()
    figures = await measure(crowd, http, args.rate, args.duration, args.grace)
    cpu = meter.stop()
    open_sockets = crowd.open_count()
    probes = ("customer_to_console", "agent_to_customer", "customer_ack")
    lost = sum(figures[d]["lost"] + figures[d]["errors"] for d in probes)
    p99s = [figures[d]["p99_ms"] for d in ("customer_to_console", "agent_to_customer")]
    sockets_held = open_sockets == k and crowd.console_open() and connected["failures"] == 0
    held = (
        sockets_held
        and lost == 0
        and figures["agent_post"]["errors"] == 0
        and all(p < BUDGET_P99_MS for p in p99s)
    )
    return {
        "sockets": k,
        "open_after": open_sockets,
        "console_open": crowd.console_open(),
        "connect": connected,
        **figures,
        "server_rss_mb": rss,
        **cpu,
        "sockets_held": sockets_held,
        "held": held,
    }


async def drive(
    server: Server, db_url: str, postmaster: int | None, args: argparse.Namespace
) -> list[dict[str, Any]]:
    ws_base = server.url.replace("http://", "ws://")
    async with httpx.AsyncClient(base_url=server.url, timeout=30, trust_env=False) as http:
        login = await http.post("/api/v1/auth/login", json={"email": DEMO_AGENT, "password": DEMO_PASSWORD})
        login.raise_for_status()
        token = login.json()["token"]
        http.headers["authorization"] = f"Bearer {token}"
        console: ClientConnection = await connect(
            f"{ws_base}/ws/console?token={token}", proxy=None, compression=args.compression, max_queue=None
        )
        hello = json.loads(await console.recv())
        assert hello["type"] == "hello", hello
        crowd = Crowd(db_url, ws_base, console, args.sample, args.compression)
        console_task = asyncio.create_task(console_reader(console, crowd))
        steps: list[dict[str, Any]] = []
        try:
            for k in args.steps:
                steps.append(await step(crowd, http, server, postmaster, k, args))
                print_step(steps[-1])
                if not steps[-1]["sockets_held"]:
                    break
        finally:
            console_task.cancel()
            await crowd.close()
            await console.close()
    return steps


def print_step(s: dict[str, Any]) -> None:
    print(
        f"  {s['sockets']:>6} sockets: {s['connect']['new_sockets']} more connected in "
        f"{s['connect']['connect_s']}s, open after {s['open_after']}, "
        f"agent->customer p99 {s['agent_to_customer']['p99_ms']} ms, held={s['held']}",
        flush=True,
    )


def run(args: argparse.Namespace) -> dict[str, Any]:
    nofile = raise_fd_limit()
    # Each socket is one descriptor in this process and one in the server, which has the same limit.
    need = max(args.steps) + 500
    if nofile < need:
        raise SystemExit(
            f"open-files limit is {nofile}; {max(args.steps)} sockets need about {need} per process"
        )
    with bench_database() as db:
        port = free_port()
        argv = ["-m", "babeldesk", "serve", "--host", "127.0.0.1", "--port", str(port)]
        with server_process(argv, db.url, db.scratch, port) as server:
            base_rss = resident_mb(server.process.pid)
            print(f"realtime: ramp {args.steps}, {args.rate} msg/s each way, {args.duration}s per step")
            steps = run_async(drive(server, db.url, db.postmaster, args))
    held = [s["sockets"] for s in steps if s["held"]]
    return {
        "benchmark": "realtime",
        "nofile_limit": nofile,
        "rate_per_s": args.rate,
        "duration_s": args.duration,
        "sample_customers": args.sample,
        "compression": args.compression or "none",
        "server_rss_idle_mb": base_rss,
        "steps": steps,
        "largest_held": max(held) if held else 0,
        # Memory one more idle widget socket costs the server, over the largest step reached.
        "server_rss_kb_per_socket": round(
            1024 * (steps[-1]["server_rss_mb"] - base_rss) / steps[-1]["sockets"], 1
        )
        if steps
        else None,
        "budget_p99_ms": BUDGET_P99_MS,
    }


def print_report(result: dict[str, Any]) -> None:
    headers = ["sockets", "open", "handshake p99", "c->console p50", "p99", "a->customer p50", "p99",
               "ack p99", "lost", "rss MB", "server cpu%", "client cpu%", "other cpu%", "held"]  # fmt: skip
    rows = []
    for s in result["steps"]:
        c2c, a2c = s["customer_to_console"], s["agent_to_customer"]
        lost = sum(p["lost"] + p["errors"] for p in (c2c, a2c, s["customer_ack"]))
        rows.append([
            s["sockets"], s["open_after"], s["connect"]["p99_ms"], c2c["p50_ms"], c2c["p99_ms"],
            a2c["p50_ms"], a2c["p99_ms"], s["customer_ack"]["p99_ms"], lost, s["server_rss_mb"],
            s["server_cpu_pct"], s["client_cpu_pct"], s["other_cpu_pct"], "yes" if s["held"] else "NO",
        ])  # fmt: skip
    print(
        f"\nrealtime: latencies in ms; {result['rate_per_s']} msg/s each way, {result['duration_s']}s a step"
    )
    print(table(headers, rows))
    print(
        f"largest step held (all sockets open, nothing lost, p99 < {BUDGET_P99_MS:.0f} ms): "
        f"{result['largest_held']} sockets; server RSS {result['server_rss_idle_mb']} MB idle, "
        f"+{result['server_rss_kb_per_socket']} KB per widget socket"
    )
    print(f"open-files limit raised in-process to {result['nofile_limit']} (the server inherits it)")
    print(f"note: {SHARED_MACHINE_NOTE}; cpu% is of one CPU, 'other' is everything else on the machine")
    if warning := noise_warning([s["other_cpu_pct"] for s in result["steps"]]):
        print(warning)


def parse_steps(text: str) -> list[int]:
    return sorted({int(part) for part in text.split(",") if part.strip()})


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.realtime", description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=parse_steps, default=list(DEFAULT_STEPS),
                        help="socket counts, comma-separated (default 100,500,1000,2000)")  # fmt: skip
    parser.add_argument("--max", type=int, default=None,
                        help=f"ramp up to K sockets along {LADDER} (overrides --steps)")  # fmt: skip
    parser.add_argument("--rate", type=float, default=20, help="messages/s each way (default 20)")
    parser.add_argument("--duration", type=float, default=5, help="measured seconds per step (default 5)")
    parser.add_argument("--sample", type=int, default=20, help="customers who write (default 20)")
    parser.add_argument("--connect-concurrency", type=int, default=100, help="handshakes in flight")
    parser.add_argument("--settle", type=float, default=1, help="idle seconds before measuring")
    parser.add_argument("--grace", type=float, default=3, help="seconds to wait for late deliveries")
    parser.add_argument("--compression", choices=["deflate", "none"], default="deflate",
                        help="permessage-deflate as browsers offer it (default), or none")  # fmt: skip
    return parser


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    if args.max is not None:
        args.steps = [k for k in LADDER if k < args.max] + [args.max]
    args.compression = None if args.compression == "none" else args.compression
    args.sample = min(args.sample, min(args.steps))
    return args


def main(argv: list[str] | None = None) -> int:
    result = run(parse_args(argv))
    print_report(result)
    print(json_line(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
