"""Optional LLM phrasing against a local OpenAI-compatible server: a rephrasing that keeps every fact is
used; one that drops, bends or adds a number, an order or tracking number, a date or an amount is not;
timeouts and errors keep the template."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from babeldesk.bot.context import Contact
from babeldesk.bot.phrase import Phraser, keeps_facts, phraser_from_settings
from tests.bot.conftest import EMAIL, Shop
from tests.language.fake_providers import FakeOpenAI, Reply, closed_port_url, running

TEMPLATE = "Your refund of 40.00 EUR for order #1008 was issued on 2025-03-02."


@pytest.fixture
def llm() -> Iterator[FakeOpenAI]:
    with running(FakeOpenAI(api_key="sk-test", model="phrase-model")) as server:
        yield server


def phraser(server: FakeOpenAI, timeout: float = 5.0) -> Phraser:
    return Phraser(server.url, model="phrase-model", api_key="sk-test", timeout=timeout)


async def test_a_faithful_rephrasing_is_used(llm: FakeOpenAI) -> None:
    llm.answers[TEMPLATE] = "Good news: on 2025-03-02 we issued your 40.00 EUR refund for order #1008."
    result = await phraser(llm).rephrase(TEMPLATE, "en", facts=[TEMPLATE])
    assert result == llm.answers[TEMPLATE]
    request = llm.requests[-1]
    assert request.headers["authorization"] == "Bearer sk-test"
    assert TEMPLATE in request.body["messages"][0]["content"]  # the facts it may use


@pytest.mark.parametrize(
    "bent",
    [
        "Good news: we issued your 40 EUR refund for order #1008 on 2025-03-02.",  # amount changed
        "Good news: your refund for order #1008 was issued on 2025-03-02.",  # amount dropped
        "Good news: your 40.00 EUR refund for order #1009 was issued on 2025-03-02.",  # order changed
        "Good news: your 40.00 EUR refund for order #1008 was issued on 2025-03-03.",  # date changed
        "Your 40.00 EUR refund for order #1008 was issued on 2025-03-02 and arrives in 3 days.",  # invented
        "",
    ],
)
async def test_a_rephrasing_that_bends_a_fact_is_rejected(llm: FakeOpenAI, bent: str) -> None:
    llm.answers[TEMPLATE] = bent or " "
    assert await phraser(llm).rephrase(TEMPLATE, "en", facts=[TEMPLATE]) == TEMPLATE


async def test_errors_and_timeouts_keep_the_template(llm: FakeOpenAI) -> None:
    llm.fail_next(Reply(500, {"error": {"message": "overloaded"}}))
    assert await phraser(llm).rephrase(TEMPLATE, "en", facts=[]) == TEMPLATE
    llm.fail_next(Reply(200, hang=True))
    assert await phraser(llm, timeout=0.3).rephrase(TEMPLATE, "en", facts=[]) == TEMPLATE
    wrong_key = Phraser(llm.url, model="phrase-model", api_key="nope")
    assert await wrong_key.rephrase(TEMPLATE, "en", facts=[]) == TEMPLATE
    nobody = Phraser(closed_port_url(), model="phrase-model")
    assert await nobody.rephrase(TEMPLATE, "en", facts=[]) == TEMPLATE


def test_tracking_numbers_and_digits_of_other_scripts() -> None:
    template = "Your parcel for order #1001 is with DHL, tracking number JD014600003."
    assert keeps_facts(template, "DHL has your parcel (order #1001), tracking JD014600003.", "en")
    assert not keeps_facts(template, "DHL has your parcel (order #1001), tracking JD01460003.", "en")
    assert keeps_facts("Orders ship within 2 business days.", "الطلبات تُشحن خلال ٢ يوم عمل.", "ar")


def test_configuration() -> None:
    assert phraser_from_settings({}) is None
    assert phraser_from_settings({"bot": {"llm": {"url": "ftp://x", "model": "m"}}}) is None
    assert phraser_from_settings({"bot": {"llm": {"url": "http://127.0.0.1:9/v1"}}}) is None
    found = phraser_from_settings(
        {"bot": {"llm": {"url": "http://127.0.0.1:9/v1", "model": "m", "api_key": ""}}}
    )
    assert found is not None and found.endpoint == "http://127.0.0.1:9/v1/chat/completions"


async def test_the_bot_sends_the_rephrasing(shop: Shop, llm: FakeOpenAI) -> None:
    chat = shop.chat(contact=Contact(email=EMAIL), phraser=phraser(llm))
    template = (
        "Your refund of 40.00 EUR for order #1008 is being processed. It usually reaches your account "
        "within 5 to 10 business days."
    )
    llm.answers[template] = (
        "We're processing your 40.00 EUR refund for order #1008; expect it in 5 to 10 business days."
    )
    outcome = await chat.send("refund for order 1008?", "refund_status")
    assert outcome.replies[0] == llm.answers[template]
    assert outcome.keys[0] == "refund_processing"
    # The fake answers other texts with its word-reversing "translation": no fact to bend, so it is used.
    assert outcome.replies[1] == "sI ereht gnihtyna esle I nac pleh htiw?"


def test_a_changed_month_or_weekday_is_a_changed_fact() -> None:
    template = "Tu reembolso de 40.00 EUR del pedido #1008 se emitió el 2 de marzo de 2025."
    kept = "¡Buenas noticias! El 2 de marzo de 2025 emitimos tu reembolso de 40.00 EUR del pedido #1008."
    assert keeps_facts(template, kept, "es")
    assert not keeps_facts(template, kept.replace("marzo", "abril"), "es")
    call = "Te llamamos el dom, 2 mar 17:00 al +34 612 345 678."
    assert not keeps_facts(call, call.replace("dom", "lun"), "es")
