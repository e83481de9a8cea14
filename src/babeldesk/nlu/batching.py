"""Understanding messages from many jobs together.

The worker understands each message in its own job, yet the encoders are about twice as fast per
message in a batch as one at a time (``python -m bench.understand``). Jobs hand their message to one
thread that takes everything waiting whenever it is free: a quiet workspace gets its answer at once,
a busy one gets batches as large as its backlog, and nobody waits for a batch to fill.
"""

from __future__ import annotations

import queue
import threading
from collections import defaultdict
from concurrent.futures import Future
from dataclasses import dataclass, field

from babeldesk.nlu import understand
from babeldesk.nlu.intents import CustomIntents, intent_model
from babeldesk.nlu.understanding import Understanding

MAX_BATCH = 32


@dataclass
class _Request:
    text: str
    language: str | None
    custom: CustomIntents | None
    answer: Future[Understanding] = field(default_factory=Future)


class Batcher:
    def __init__(self, max_batch: int = MAX_BATCH) -> None:
        self.max_batch = max_batch
        self._waiting: queue.SimpleQueue[_Request] = queue.SimpleQueue()
        self._start = threading.Lock()
        self._thread: threading.Thread | None = None
        self.largest_batch = 0  # for the curious: how much batching the load brought

    def understand_one(
        self, text: str, language: str | None, custom: CustomIntents | None = None
    ) -> Understanding:
        """The reading of one message, computed in a batch with whatever else is waiting (blocking)."""
        request = _Request(text, language, custom)
        self._ensure_running()
        self._waiting.put(request)
        return request.answer.result()

    def _ensure_running(self) -> None:
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._serve, name="understanding", daemon=True)
                self._thread.start()

    def _serve(self) -> None:
        while True:
            batch = [self._waiting.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self._waiting.get_nowait())
                except queue.Empty:
                    break
            self.largest_batch = max(self.largest_batch, len(batch))
            self._answer(batch)

    @staticmethod
    def _answer(batch: list[_Request]) -> None:
        # Workspaces with their own intents have their own model: one call per model.
        groups: dict[int, list[_Request]] = defaultdict(list)
        for request in batch:
            try:
                groups[id(intent_model(request.custom))].append(request)
            except Exception as error:  # a workspace's own intents that cannot be learnt
                request.answer.set_exception(error)
        for requests in groups.values():
            try:
                found = understand(
                    [r.text for r in requests], [r.language for r in requests], custom=requests[0].custom
                )
            except Exception as error:  # the callers decide what a failed reading means
                for r in requests:
                    r.answer.set_exception(error)
                continue
            for r, understanding in zip(requests, found, strict=True):
                r.answer.set_result(understanding)


_shared = Batcher()


def understand_one(text: str, language: str | None, custom: CustomIntents | None = None) -> Understanding:
    """One message's reading through the process's shared batcher."""
    return _shared.understand_one(text, language, custom)
