"""The job queue: tasks, their retry rules, and the worker's periodic housekeeping."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx
import procrastinate
from procrastinate import RetryStrategy

from babeldesk.bot.service import BotRuntime, run_bot_turn
from babeldesk.db.engine import Database
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.helpdesk.understanding import (
    TranslationPending,
    do_detect,
    do_store_translations,
    do_store_understanding,
    translate_for_agents,
    understand_message_text,
)
from babeldesk.jobs.webhooks import DeliveryFailed, deliver
from babeldesk.kb.demo import seed_demo_articles

log = logging.getLogger(__name__)

# A worker that stops sending heartbeats for this long is presumed dead, and its running jobs
# are put back in the queue.
HEARTBEAT_S = 2.0
STALLED_AFTER_S = 10.0


class JobContext:
    """What tasks share within one worker process."""

    db: Database
    http: httpx.AsyncClient
    chains: ChainCache

    def __init__(self) -> None:
        self.chains = ChainCache()


context = JobContext()


# Tasks live on a blueprint so each process can build its App for the database it was given.
tasks = procrastinate.Blueprint()
NAMESPACE = "babeldesk"


def create_queue(url: str) -> procrastinate.App:
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=url))
    app.add_tasks_from(tasks, namespace=NAMESPACE)
    return app


@tasks.task(
    name="deliver_webhook",
    queue="webhooks",
    retry=RetryStrategy(max_attempts=8, exponential_wait=2, retry_exceptions={DeliveryFailed}),
)
async def deliver_webhook(delivery_id: int) -> None:
    async with context.db.transaction() as conn:
        error = await deliver(conn, delivery_id, context.http)
    if error is not None:
        raise DeliveryFailed(error)


@tasks.task(
    name="understand_message",
    queue="pipeline",
    # Translation engines come back on their own time: keep trying, further apart, for ~a day.
    retry=RetryStrategy(max_attempts=17, exponential_wait=2, retry_exceptions={TranslationPending}),
)
async def understand_message(message_id: int) -> None:
    async with context.db.transaction() as conn:
        plan = await do_detect(conn, message_id)
    if plan is None:
        return
    if plan.message.intent is None:
        # The model is CPU-bound: the event loop keeps serving other jobs meanwhile.
        found = await asyncio.to_thread(understand_message_text, plan)
        async with context.db.transaction() as conn:
            await do_store_understanding(conn, plan, found)
    if not plan.targets:
        return
    chain = context.chains.chain_for(plan.workspace_id, plan.settings)
    state, translations = await translate_for_agents(context.db, plan, chain)
    async with context.db.transaction() as conn:
        await do_store_translations(conn, plan, state, translations)
    if state == "not_translated":
        raise TranslationPending(f"message {message_id}: no engine answered")


@tasks.task(
    name="bot_turn",
    queue="pipeline",
    # A turn that fails hands the conversation to people itself; a retry covers a lost database.
    retry=RetryStrategy(max_attempts=5, exponential_wait=2),
)
async def bot_turn(conversation_id: int) -> None:
    await run_bot_turn(BotRuntime(context.db, context.chains), conversation_id)


@tasks.task(name="seed_demo_articles", queue="maintenance")
async def seed_demo_knowledge(workspace_id: int) -> None:
    """The demo shop's help articles, queued by ``babeldesk demo`` (embedding them is slow)."""
    async with context.db.transaction() as conn:
        await seed_demo_articles(conn, workspace_id)


@tasks.periodic(cron="* * * * * */5", periodic_id="requeue_stalled")
@tasks.task(name="requeue_stalled_jobs", queue="maintenance", pass_context=True)
async def requeue_stalled_jobs(job_context: Any, timestamp: int) -> None:
    """Give the jobs of a dead worker to a live one: that is how a crash mid-job loses nothing."""
    manager = job_context.app.job_manager
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER_S):
        log.warning("requeueing job %s (%s) of a stalled worker", job.id, job.task_name)
        await manager.retry_job(job)
