"""The durable queue through real worker processes: signed webhooks, retries, and a crash mid-job."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.conftest import ServerProcess, login, server_env
from tests.web.test_api import MEI, widget_session


@dataclass
class Receiver:
    """An integration's webhook endpoint on loopback, recording what arrives."""

    url: str
    requests: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    # Status codes to answer, in order; "hang" holds the request open until released.
    script: list[int | str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    got_request: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            state.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
            state.got_request.set()
            action = state.script.pop(0) if state.script else 200
            if action == "hang":
                state.release.wait(60)
                return
            self.send_response(int(action))
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    httpd.shutdown()


def start_worker(database_url: str, data_dir: Path) -> subprocess.Popen[bytes]:
    """A worker process, returned once it takes jobs (its models loaded), so tests time its work only."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / "worker.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "babeldesk", "worker"],
        env=server_env(database_url, data_dir),
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while "worker started" not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise AssertionError(f"the worker did not start:\n{log.read_text(errors='replace')}")
        time.sleep(0.2)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def delivery_rows(database_url: str) -> list[tuple[str, int, str]]:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT status, attempts, event_id FROM webhook_deliveries ORDER BY id"
        ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


async def subscribe_and_post(client: httpx.AsyncClient, database_url: str, url: str) -> tuple[str, int]:
    admin = await login(client, MEI)
    # Only the customer's message should be hooked here: with the bot on, its reply is hooked too.
    settings = (await client.get("/api/v1/bot/settings", headers=admin)).json()
    turned_off = await client.put("/api/v1/bot/settings", json={**settings, "enabled": False}, headers=admin)
    assert turned_off.status_code == 200
    created = await client.post(
        "/api/v1/webhooks", json={"url": url, "events": ["message.created"]}, headers=admin
    )
    customer = await widget_session(client, database_url)
    sent = await client.post(
        "/api/v1/widget/messages", json={"body": "hook me", "client_id": str(uuid.uuid4())}, headers=customer
    )
    assert sent.status_code == 201
    return created.json()["secret"], sent.json()["id"]


async def test_webhook_is_signed_and_carries_the_message(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, receiver: Receiver, tmp_root: Path
) -> None:
    secret, message_id = await subscribe_and_post(client, database_url, receiver.url)
    worker = start_worker(database_url, tmp_root / "worker-sign")
    try:
        wait_for(lambda: delivery_rows(database_url)[0][0] == "delivered", 30, "the delivery")
    finally:
        stop(worker)
    headers, body = receiver.requests[0]
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(
        hmac.new(secret.removeprefix("whsec_").encode(), signed, hashlib.sha256).digest()
    )
    assert headers["webhook-signature"] == "v1," + expected.decode()
    payload = json.loads(body)
    assert payload["type"] == "message.created"
    assert payload["id"] == headers["webhook-id"]
    hooked = payload["data"]["message"]
    thread = await client.get(
        f"/api/v1/conversations/{hooked['conversation_id']}/messages", headers=await login(client, MEI)
    )
    stored = thread.json()["messages"][-1]
    assert hooked.keys() == stored.keys(), "webhooks carry the API's message shape"
    assert (hooked["id"], hooked["body"], hooked["direction"]) == (message_id, "hook me", "inbound")


async def test_a_refused_webhook_is_retried_with_backoff(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, receiver: Receiver, tmp_root: Path
) -> None:
    receiver.script = [500, 503]
    await subscribe_and_post(client, database_url, receiver.url)
    worker = start_worker(database_url, tmp_root / "worker-retry")
    try:
        wait_for(lambda: delivery_rows(database_url)[0][0] == "delivered", 60, "the retried delivery")
    finally:
        stop(worker)
    assert len(receiver.requests) == 3
    assert delivery_rows(database_url)[0][1] == 3, "every attempt is counted"
    assert len({h["webhook-id"] for h, _ in receiver.requests}) == 1, "retries reuse the event id"


async def test_a_job_interrupted_by_a_killed_worker_runs_again_and_takes_effect_once(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, receiver: Receiver, tmp_root: Path
) -> None:
    receiver.script = ["hang"]
    await subscribe_and_post(client, database_url, receiver.url)
    first = start_worker(database_url, tmp_root / "worker-killed")
    try:
        assert receiver.got_request.wait(30), "the first worker never started the job"
        os.killpg(first.pid, signal.SIGKILL)  # mid-job: the request is open, nothing committed
        first.wait(timeout=10)
    finally:
        stop(first)
    assert delivery_rows(database_url)[0][:2] == ("pending", 0)

    second = start_worker(database_url, tmp_root / "worker-restarted")
    try:
        wait_for(lambda: delivery_rows(database_url)[0][0] == "delivered", 60, "the job to run again")
    finally:
        stop(second)
    _, attempts, event_id = delivery_rows(database_url)[0]
    assert attempts == 1, "the killed attempt left no trace; the rerun is recorded once"
    assert [h["webhook-id"] for h, _ in receiver.requests] == [event_id, event_id]
    with psycopg.connect(database_url) as conn:
        jobs = conn.execute(
            "SELECT status FROM procrastinate_jobs WHERE task_name = 'babeldesk:deliver_webhook'"
        ).fetchall()
    assert [j[0] for j in jobs] == ["succeeded"]
