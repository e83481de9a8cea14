"""``babeldesk worker``: runs queued jobs until stopped."""

from __future__ import annotations

import asyncio
import logging

import httpx

from babeldesk.db.engine import Database
from babeldesk.jobs.app import HEARTBEAT_S, STALLED_AFTER_S, context, create_queue
from babeldesk.language import warm_up as warm_up_language
from babeldesk.nlu import warm_up as warm_up_nlu

log = logging.getLogger(__name__)


async def run_worker(url: str, *, concurrency: int = 8) -> None:
    context.db = Database(url, pool_size=concurrency)
    context.http = httpx.AsyncClient(follow_redirects=False)
    queue = create_queue(url)
    # Load the language and understanding models before the first message, not during it: jobs
    # that start while they load all wait for them, and a backlog would wait many times over.
    await asyncio.gather(asyncio.to_thread(warm_up_language), asyncio.to_thread(warm_up_nlu))
    try:
        async with queue.open_async():
            log.info("worker started")
            await queue.run_worker_async(
                concurrency=concurrency,
                update_heartbeat_interval=HEARTBEAT_S,
                stalled_worker_timeout=STALLED_AFTER_S,
            )
    finally:
        await context.chains.close()
        await context.http.aclose()
        await context.db.dispose()
