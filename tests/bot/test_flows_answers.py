"""Flows that answer from the built-in store on a real PostgreSQL: status, tracking, delays, refunds,
and those that answer from policy and the knowledge base."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from babeldesk.bot.context import Contact, HandoffReason, KbAnswer
from babeldesk.bot.flows import faq
from babeldesk.commerce.importer import do_import_orders
from babeldesk.commerce.models import TrackingEvent, TrackingState
from babeldesk.commerce.records import OrderRecord
from babeldesk.commerce.store import StoreUnavailable
from babeldesk.nlu.understanding import Understanding
from babeldesk.replies.library import has
from tests.bot.conftest import EMAIL, SETTINGS, Shop, dataset_orders

VERIFIED = Contact(email=EMAIL)  # the channel vouches for the customer: no question asked


async def test_order_status(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    outcome = await chat.send("What's the status of order 1001?", "order_status")
    # 1001 is on its way: the status comes with where the parcel is.
    assert outcome.keys[0] == "order_status" and outcome.keys[-1] == "anything_else"
    assert "tracking_summary" in outcome.keys and "tracking_in_transit" in outcome.keys
    assert (
        "#1001" in outcome.replies[0]
        and "March 1, 2025" in outcome.replies[0]
        and "2 × T-shirt" in outcome.replies[0]
    )


async def test_every_tracking_state_has_an_explanation() -> None:
    assert all(has(f"tracking_{state.value}") for state in TrackingState)


async def test_tracking_in_transit_with_the_carriers_latest_event(shop: Shop) -> None:
    outcome = await shop.chat(contact=VERIFIED).send("Track order 1001", "track_shipment")
    assert outcome.keys[:4] == (
        "tracking_summary",
        "tracking_in_transit",
        "tracking_expected",
        "tracking_last_event",
    )
    assert "JD014600003" in outcome.replies[0] and "DHL" in outcome.replies[0]
    assert "March 12, 2025" in outcome.replies[2]  # the carrier's expected date: "when will it arrive?"
    assert (
        "March 8, 2025" in outcome.replies[3] and "Arrived at sort facility — Zaragoza" in outcome.replies[3]
    )
    # an expected date already past is no promise to repeat
    chat = shop.chat(contact=VERIFIED)
    chat.ctx = dataclasses.replace(chat.ctx, now=datetime(2025, 3, 14, tzinfo=UTC))
    late = await chat.send("Track order 1001", "track_shipment")
    assert "tracking_in_transit" in late.keys and "tracking_expected" not in late.keys


async def test_tracking_states(shop: Shop) -> None:
    extra = {**dataset_orders()["1001"], "number": "2001"}
    extra["shipments"] = [
        {
            **extra["shipments"][0],
            "tracking_number": "JD2001",
            "state": "out_for_delivery",
            "events": [
                {
                    "at": "2025-03-10T07:00:00Z",
                    "state": "out_for_delivery",
                    "description": "Out for delivery",
                    "location": "Madrid",
                }
            ],
        }
    ]
    async with shop.db.transaction() as conn:
        await do_import_orders(conn, shop.workspace_id, [OrderRecord.model_validate(extra)])
    expected = {"1003": "tracking_delivered", "1005": "tracking_customs", "2001": "tracking_out_for_delivery"}
    for number, key in expected.items():
        outcome = await shop.chat(contact=VERIFIED).send(f"Where is order {number}?", "track_shipment")
        assert key in outcome.keys and outcome.handoff is None, number
    delivered = await shop.chat(contact=VERIFIED).send("Where is order 1003?", "track_shipment")
    assert "March 1, 2025" in delivered.replies[1]


async def test_tracking_problem_goes_to_a_person(shop: Shop) -> None:
    outcome = await shop.chat(contact=VERIFIED).send("Where is order 1007?", "track_shipment")
    assert "tracking_exception" in outcome.keys and "anything_else" not in outcome.keys
    assert outcome.handoff is not None and outcome.handoff.reason is HandoffReason.POLICY
    assert "handoff" not in outcome.keys  # tracking_exception already says a colleague takes over


async def test_delivered_to_a_customer_who_never_got_it_goes_to_a_person(shop: Shop) -> None:
    # 1003 is delivered: a customer who then says it never came needs a person to ask the carrier
    chat = shop.chat(contact=VERIFIED)
    told = await chat.send("Where is order 1003?", "track_shipment")
    assert "tracking_delivered" in told.keys and told.handoff is None
    missing = await chat.send(
        "Delivered?? I never received it, nothing at the door", "change_address", confidence=0.4
    )
    assert missing.handoff is not None and missing.handoff.reason is HandoffReason.POLICY
    # said in the same breath as the question: told, then handed over
    at_once = await shop.chat(contact=VERIFIED).send(
        "Tracking for 1003 says delivered but I didn't receive it", "track_shipment"
    )
    assert "tracking_delivered" in at_once.keys and at_once.handoff is not None
    # an order not yet delivered is not a lost parcel
    waiting = await shop.chat(contact=VERIFIED).send("I have not received order 1001 yet", "track_shipment")
    assert waiting.handoff is None


async def test_tracking_before_shipping(shop: Shop) -> None:
    outcome = await shop.chat(contact=VERIFIED).send("Tracking for order 1002?", "track_shipment")
    assert outcome.keys == ("tracking_none", "status_ships_within", "anything_else")  # when it leaves


class DownCarrier:
    async def track(self, tracking_number: str, *, carrier: str = "") -> Sequence[TrackingEvent]:
        raise StoreUnavailable("tracking API timed out")


async def test_carrier_down_uses_the_events_the_store_holds(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    chat.ctx = dataclasses.replace(chat.ctx, carrier=DownCarrier())
    outcome = await chat.send("Track order 1001", "track_shipment")
    assert "tracking_last_event" in outcome.keys and outcome.handoff is None
    assert "Zaragoza" in outcome.replies[outcome.keys.index("tracking_last_event")]


async def test_delay(shop: Shop) -> None:
    settings = {"bot": {"policy": {**SETTINGS["bot"]["policy"], "ship_within_days": 3}}}
    waiting = await shop.chat(contact=VERIFIED, settings=settings).send("1002 is late", "delivery_delay")
    assert waiting.keys[0] == "delay_not_shipped" and "3 business days" in waiting.replies[0]
    next_day = {"bot": {"policy": {**SETTINGS["bot"]["policy"], "ship_within_days": 1}}}
    soon = await shop.chat(contact=VERIFIED, settings=next_day).send("1002 is late", "delivery_delay")
    assert "within 1 business day of" in soon.replies[0]
    # On its way: where the parcel is first, then the carrier's date as the answer to the wait.
    expected = await shop.chat(contact=VERIFIED).send("order 1001 is late", "delivery_delay")
    assert expected.keys[0] == "tracking_summary" and "tracking_expected" not in expected.keys
    assert "March 12, 2025" in expected.replies[expected.keys.index("delay_expected")]
    unknown = await shop.chat(contact=VERIFIED).send("order 1005 is late", "delivery_delay")
    assert unknown.keys[-2:] == ("delay_unknown", "handoff_wait") and unknown.handoff is not None
    # A failed delivery attempt is the answer to "where is it?", and a person takes it from there.
    marta = Contact(email="marta.wisniewska@example.pl")
    failed = await shop.chat(contact=marta).send("6158 should have come yesterday", "delivery_delay")
    assert "tracking_exception" in failed.keys and "delay_expected" not in failed.keys
    assert failed.handoff is not None


async def test_refund_status(shop: Shop) -> None:
    processing = await shop.chat(contact=VERIFIED).send("my refund for 1008?", "refund_status")
    assert processing.keys[0] == "refund_processing" and "40.00 EUR" in processing.replies[0]
    none = await shop.chat(contact=VERIFIED).send("refund for order 1002?", "refund_status")
    assert none.keys[0] == "refund_none"


async def test_asking_to_send_an_item_back_for_the_money_is_a_return(shop: Shop) -> None:
    # 1003 was delivered and nothing was refunded: the model hears the money, the words a return
    unsure = await shop.chat(contact=VERIFIED).send(
        "Can I still return it and get my money back? 1003", "refund_status"
    )
    assert unsure.keys[0] == "return_which_reason"
    broken = await shop.chat(contact=VERIFIED).send(
        "Order 1003 arrived broken, can I send it back for my money?", "refund_status"
    )
    assert broken.keys[0] == "return_defective_ask_photo"
    # sent back already: a question about the refund, answered from the store
    sent = await shop.chat(contact=VERIFIED).send(
        "I sent order 1003 back, where is my refund?", "refund_status"
    )
    assert sent.keys[0] == "refund_none"


async def test_shipping_and_customs_come_from_policy(shop: Shop) -> None:
    spain = await shop.chat().send("Shipping cost to Spain?", "shipping_cost_and_time")
    assert spain.keys == ("shipping_info", "shipping_free_over", "anything_else")
    assert "3.90 EUR" in spain.replies[0] and "1-2" in spain.replies[0] and "100.00 EUR" in spain.replies[1]
    german = await shop.chat().send("Versandkosten nach Spanien?", "shipping_cost_and_time", language="de")
    assert "3,90 EUR" in german.replies[0] and "100,00 EUR" in german.replies[1]  # German decimal commas
    customs = await shop.chat().send("Do I pay customs?", "customs_and_duties")
    assert customs.keys == ("customs_info", "anything_else")
    assert "Spain" in customs.replies[0]  # named, not "ES"
    no_rules = {"bot": {"policy": {"currency": "EUR"}}}
    unknown = await shop.chat(settings=no_rules).send("Shipping cost to Spain?", "shipping_cost_and_time")
    assert unknown.keys == ("kb_not_found",)  # no rule: the bot promises nothing
    silent = await shop.chat(settings=no_rules).send("Do I pay customs?", "customs_and_duties")
    assert "customs_info" not in silent.keys


async def test_shipping_asks_for_the_country(shop: Shop) -> None:
    chat = shop.chat()
    assert (await chat.send("How long does shipping take?", "shipping_cost_and_time")).keys == (
        "shipping_ask_country",
    )
    outcome = await chat.send("Brasil", confidence=0.1)
    assert outcome.keys == ("shipping_info", "shipping_free_over", "anything_else")
    assert "19.90 EUR" in outcome.replies[0] and "200.00 EUR" in outcome.replies[1]


async def test_shipping_to_a_city_answers_for_its_country(shop: Shop) -> None:
    jakarta = Contact(timezone="Asia/Jakarta")
    surabaya = await shop.chat(contact=jakarta).send(
        "halo kak, bisa kirim ke Surabaya ga? ongkirnya brp", "shipping_cost_and_time", language="id"
    )
    assert surabaya.keys == ("shipping_info", "shipping_free_over", "anything_else")
    assert "Surabaya (Indonesia)" in surabaya.replies[0]  # the country said, so a wrong guess shows
    # a name that stands away from "ship to" is no place: "Victoria" signs the message
    signed = await shop.chat().send("Hi, Victoria here. Do you ship to my flat?", "shipping_cost_and_time")
    assert signed.keys == ("shipping_ask_country",)


async def test_faq(shop: Shop) -> None:
    found = await shop.chat().send("Which size should I take?", "size_advice")
    assert found.keys == ("kb_answer", "kb_source", "anything_else") and "true to size" in found.replies[0]
    untranslated = await shop.chat().send("Do you gift wrap?", "product_question")
    assert untranslated.keys == ("kb_untranslated",) and "German" in untranslated.replies[0]
    # the article's language is named in the customer's
    spanish = await shop.chat().send("¿Hacen gift wrap?", "product_question", language="es")
    assert spanish.keys == ("kb_untranslated",) and "alemán" in spanish.replies[0]
    chat = shop.chat()
    assert (await chat.send("Do you sell gift cards?", "product_question")).keys == ("kb_not_found",)
    person = await chat.send("yes", confidence=0.2)
    assert person.handoff is not None and person.handoff.reason is HandoffReason.UNSURE


async def test_greeting_thanks_goodbye(shop: Shop) -> None:
    chat = shop.chat()
    hello = await chat.send("Hi!", "greeting")
    assert hello.keys == ("greeting",) and "Demo Shop" in hello.replies[0]
    assert (await chat.send("thanks", "thanks")).keys == ("thanks",)
    assert (await chat.send("no", confidence=0.2)).keys == ("goodbye",)


class SlowKnowledge:
    async def answer(self, text: str, language: str, understanding: Understanding) -> KbAnswer | None:
        await asyncio.sleep(5)
        return KbAnswer("Late", "too late")


async def test_a_slow_knowledge_base_offers_a_person(shop: Shop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(faq, "KNOWLEDGE_TIMEOUT_SECONDS", 0.2)
    chat = shop.chat()
    chat.ctx = dataclasses.replace(chat.ctx, knowledge=SlowKnowledge())
    outcome = await chat.send("Which size should I take?", "size_advice")
    assert outcome.keys == ("kb_not_found",) and outcome.handoff is None


async def test_a_second_question_in_the_same_message_is_answered_too(shop: Shop) -> None:
    both = await shop.chat(contact=VERIFIED).send(
        "Where is order 1001? And will I have to pay customs?", "track_shipment"
    )
    assert both.keys[0] == "tracking_summary" and both.keys[-2:] == ("customs_info", "anything_else")
    assert both.keys.count("anything_else") == 1
    ship = await shop.chat(contact=VERIFIED).send(
        "status of order 1001 please, and do you ship to Brazil?", "order_status"
    )
    assert ship.keys[0] == "order_status" and "shipping_info" in ship.keys
    reverse = await shop.chat(contact=VERIFIED).send(
        "Do I pay duties in the US? My order is 1001", "customs_and_duties"
    )
    assert reverse.keys[0] == "customs_info" and "tracking_summary" in reverse.keys
    # a country named without asking about shipping is no shipping question
    alone = await shop.chat(contact=VERIFIED).send("Where is order 1001? I'm in Brazil now", "order_status")
    assert "shipping_info" not in alone.keys and alone.keys[-1] == "anything_else"
    # shipping and duty side by side, either way round
    norway = await shop.chat().send(
        "Do you ship to Norway? How much is it, and will my brother pay customs?", "shipping_cost_and_time"
    )
    assert norway.keys[0] == "shipping_info" and "customs_info" in norway.keys
    # about the order already spoken of: "and when will it arrive?" beside a duty question
    chat = shop.chat(contact=VERIFIED)
    await chat.send("Where is order 1001?", "track_shipment")
    later = await chat.send("Do I pay customs? And when will it arrive?", "customs_and_duties")
    assert later.keys[0] == "customs_info" and "tracking_summary" in later.keys


async def test_a_question_after_the_thanks_goes_to_the_knowledge_base(shop: Shop) -> None:
    asked = await shop.chat().send("thanks a lot! btw what size should I take?", "thanks", confidence=0.3)
    assert asked.keys[0] == "kb_answer"
    bye = await shop.chat().send("thanks a lot!", "other", confidence=0.3)
    assert bye.keys[0] != "kb_answer"


async def test_an_order_not_shipped_yet_says_when_it_will_leave(shop: Shop) -> None:
    outcome = await shop.chat(contact=VERIFIED).send("When will order 1002 arrive?", "order_status")
    assert outcome.keys[:2] == ("order_status", "status_ships_within")
    assert "within 2 business days" in outcome.replies[1]


async def test_a_payment_problem_with_an_order_goes_to_a_person(shop: Shop) -> None:
    twice = await shop.chat(contact=VERIFIED).send("I was charged twice for order 1002", "payment_problem")
    assert twice.handoff is not None and twice.handoff.reason is HandoffReason.POLICY
    assert "kb_answer" not in twice.keys
    general = await shop.chat().send("Can I pay by bank transfer?", "payment_problem")
    assert general.handoff is None  # no order: the knowledge base answers, or says it cannot


async def test_a_customs_question_is_answered_while_the_order_waits_for_verification(shop: Shop) -> None:
    chat = shop.chat()
    first = await chat.send("Where is order 1001? And will I have to pay customs?", "track_shipment")
    assert first.keys == ("customs_info", "ask_verification")  # the answer first, then the question
    verified = await chat.send(EMAIL, confidence=0.2)
    assert verified.keys[0] == "tracking_summary" and "customs_info" not in verified.keys


async def test_paid_says_the_customer_of_an_order_awaiting_payment_goes_to_a_person(shop: Shop) -> None:
    text = "saya sudah transfer untuk pesanan 1006 kemarin tapi statusnya masih menunggu pembayaran"
    outcome = await shop.chat(contact=VERIFIED).send(text, "order_status", confidence=0.3, language="id")
    assert outcome.handoff is not None and outcome.handoff.reason is HandoffReason.POLICY
    asked = await shop.chat(contact=VERIFIED).send("status pesanan 1006?", "order_status", language="id")
    assert asked.handoff is None and "order_status" in asked.keys


async def test_a_letter_asking_to_change_the_address_is_no_invoice_request(shop: Shop) -> None:
    letter = "Sehr geehrte Damen und Herren, bitte ändern Sie die Lieferadresse meiner Bestellung Nr. 1001."
    chat = shop.chat(contact=VERIFIED)
    outcome = await chat.send(letter, "invoice_request", 0.6, runner_up="change_address", language="de")
    assert outcome.keys[0] == "address_not_allowed"  # #1001 has shipped
    invoice = await shop.chat(contact=VERIFIED).send(
        "Rechnung für Bestellung 1001 bitte an die Firmenadresse",
        "invoice_request", 0.6, runner_up="change_address", language="de",
    )  # fmt: skip
    assert "address_not_allowed" not in invoice.keys
