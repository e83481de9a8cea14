"""Messages understood through the shared batcher read exactly as they do one at a time, whoever
else is waiting, and a message that breaks the model breaks only its own job."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from babeldesk.nlu import understand
from babeldesk.nlu.batching import Batcher

MESSAGES = [
    ("Where is my order 1001?", "en"),
    ("Quero cancelar o pedido", "pt"),
    ("Die Jacke ist kaputt angekommen", "de"),
    ("Đơn hàng của tôi đâu rồi?", "vi"),
    ("ok", None),
    ("我想和人工客服说话", "zh"),
    ("Kapan uang refund saya masuk?", "id"),
    ("ЧОМУ ДОСІ НЕМАЄ МОГО ЗАМОВЛЕННЯ?!", "uk"),
] * 3


def test_concurrent_jobs_are_batched_and_each_gets_its_own_reading() -> None:
    batcher = Batcher()
    alone = understand([t for t, _ in MESSAGES], [lang for _, lang in MESSAGES])
    start = threading.Barrier(len(MESSAGES))

    def job(i: int) -> tuple[str, bool, str | None]:
        start.wait()
        found = batcher.understand_one(*MESSAGES[i])
        return found.intent, found.angry, found.language

    with ThreadPoolExecutor(len(MESSAGES)) as pool:
        together = list(pool.map(job, range(len(MESSAGES))))
    assert together == [(u.intent, u.angry, u.language) for u in alone]
    assert batcher.largest_batch > 1


def test_a_message_that_breaks_the_model_fails_alone_and_the_batcher_goes_on() -> None:
    batcher = Batcher()
    with pytest.raises(TypeError):
        batcher.understand_one(None, "en")  # type: ignore[arg-type]
    assert batcher.understand_one("I want to talk to a human", "en").intent == "request_human"
