"""Delivering one webhook: signed, at least once, recorded once.

The signature follows the Standard Webhooks scheme (``webhook-id``, ``webhook-timestamp``,
``webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">``), so receivers can use
existing verifiers and drop repeats by ``webhook-id``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.db.tables import webhook_deliveries, webhook_endpoints

TIMEOUT_S = 10.0


class DeliveryFailed(Exception):
    """The receiver did not take the delivery; the queue retries it with backoff."""


def sign(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    key = secret.removeprefix("whsec_").encode()
    digest = hmac.new(key, f"{event_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


async def deliver(conn: AsyncConnection, delivery_id: int, client: httpx.AsyncClient) -> str | None:
    """Send delivery ``delivery_id`` unless it went out already; returns the error, if any.

    The attempt is recorded either way; the caller commits, then raises for the queue to retry.

    Call inside a transaction: the row stays locked while sending, so two workers that both picked
    up a retried job cannot send it twice at once.
    """
    row = (
        await conn.execute(
            select(webhook_deliveries, webhook_endpoints.c.url, webhook_endpoints.c.secret)
            .join(webhook_endpoints, webhook_endpoints.c.id == webhook_deliveries.c.endpoint_id)
            .where(webhook_deliveries.c.id == delivery_id, webhook_endpoints.c.is_active)
            .with_for_update(of=webhook_deliveries)
        )
    ).first()
    if row is None or row.status == "delivered":
        return None
    body = json.dumps(row.payload, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "content-type": "application/json",
        "user-agent": "Babeldesk-Webhooks/1",
        "webhook-id": row.event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(row.secret, row.event_id, timestamp, body),
    }
    error: str | None = None
    try:
        response = await client.post(row.url, content=body, headers=headers, timeout=TIMEOUT_S)
        if not 200 <= response.status_code < 300:
            error = f"HTTP {response.status_code}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__}: {exc}"
    values: dict[str, object] = {"attempts": webhook_deliveries.c.attempts + 1, "last_error": error}
    if error is None:
        values |= {"status": "delivered", "delivered_at": func.now()}
    await conn.execute(
        update(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id).values(**values)
    )
    return error
