"""The job queue: tasks, their retry rules, and the worker's periodic housekeeping."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import procrastinate
from procrastinate import RetryStrategy

from babeldesk.db.engine import Database
from babeldesk.jobs.webhooks import DeliveryFailed, deliver

log = logging.getLogger(__name__)

# A worker that stops sending heartbeats for this long is presumed dead, and its running jobs
# are put back in the queue.
HEARTBEAT_S = 2.0
STALLED_AFTER_S = 10.0


class JobContext:
    """What tasks share within one worker process."""

    db: Database
    http: httpx.AsyncClient


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


@tasks.periodic(cron="* * * * * */5", periodic_id="requeue_stalled")
@tasks.task(name="requeue_stalled_jobs", queue="maintenance", pass_context=True)
async def requeue_stalled_jobs(job_context: Any, timestamp: int) -> None:
    """Give the jobs of a dead worker to a live one: that is how a crash mid-job loses nothing."""
    manager = job_context.app.job_manager
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER_S):
        log.warning("requeueing job %s (%s) of a stalled worker", job.id, job.task_name)
        await manager.retry_job(job)
