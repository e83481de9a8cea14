"""Nothing about an order before the customer proves it is theirs; three wrong answers go to a person."""

from __future__ import annotations

from babeldesk.bot.context import Contact, HandoffReason
from tests.bot.conftest import EMAIL, Shop


async def test_nothing_is_revealed_before_verification(shop: Shop) -> None:
    chat = shop.chat()
    asked = await chat.send("Where is my order #1001?", "order_status")
    assert asked.keys == ("ask_verification",)
    assert "shipped" not in asked.text and "T-shirt" not in asked.text
    assert chat.state.verified == []
    shown = await chat.send(EMAIL.upper(), confidence=0.2)
    assert shown.keys[0] == "order_status" and "tracking_summary" in shown.keys
    assert [a.name for a in shown.actions] == ["verify_order"]


async def test_the_phone_on_the_order_verifies_too(shop: Shop) -> None:
    chat = shop.chat()
    await chat.send("Where is order 1001?", "order_status")
    outcome = await chat.send("it's 612 34 56 78", confidence=0.2)  # without the country code
    assert outcome.keys[0] == "order_status"


async def test_order_number_and_email_in_one_message(shop: Shop) -> None:
    outcome = await shop.chat().send(f"Status of order 1001? My email is {EMAIL}", "order_status")
    assert outcome.keys[0] == "order_status"


async def test_verification_lasts_for_the_conversation(shop: Shop) -> None:
    chat = shop.chat()
    await chat.send("Where is order 1001?", "order_status")
    await chat.send(EMAIL, confidence=0.2)
    tracking = await chat.send("and can you track it?", "track_shipment")
    assert tracking.keys[0] == "tracking_summary"
    other = await chat.send("Also, cancel order 1002", "cancel_order")
    assert other.keys == ("cancel_confirm",)  # the email that verified #1001 is also on #1002


async def test_a_contact_the_channel_vouches_for_needs_no_question(shop: Shop) -> None:
    chat = shop.chat(contact=Contact(phone="+34612345678"))
    outcome = await chat.send("Where is order 1003?", "order_status")
    assert outcome.keys[0] == "order_status"


async def test_someone_elses_contact_is_no_proof(shop: Shop) -> None:
    chat = shop.chat(contact=Contact(email="mallory@example.com"))
    outcome = await chat.send("Where is order 1001?", "order_status")
    assert outcome.keys == ("ask_verification",)


async def test_three_wrong_answers_go_to_a_person(shop: Shop) -> None:
    chat = shop.chat()
    await chat.send("Where is order 1001?", "order_status")
    for attempt in ("bob@example.com", "+1 415 555 0100"):
        failed = await chat.send(attempt, confidence=0.2)
        assert failed.keys == ("verification_failed",) and failed.handoff is None
    locked = await chat.send("carol@example.com", confidence=0.2)
    assert locked.keys[0] == "verification_locked" and "order_status" not in locked.keys
    assert locked.handoff is not None and locked.handoff.reason is HandoffReason.POLICY
    assert chat.state.verified == [] and chat.state.handed_off


async def test_a_message_without_contact_details_is_asked_again_then_handed_off(shop: Shop) -> None:
    chat = shop.chat()
    await chat.send("Where is order 1001?", "order_status")
    again = await chat.send("why do you need that?", confidence=0.2)
    assert again.keys == ("ask_verification",)
    assert (await chat.send("I won't tell you", confidence=0.2)).handoff is not None


async def test_unknown_order(shop: Shop) -> None:
    chat = shop.chat()
    missing = await chat.send("Status of order 9999?", "order_status")
    assert missing.keys == ("order_not_found",) and "#9999" in missing.text
    assert (await chat.send("sorry, 1003", confidence=0.2)).keys == ("ask_verification",)


async def test_customers_orders_offered_when_the_channel_knows_them(shop: Shop) -> None:
    chat = shop.chat(contact=Contact(email=EMAIL))
    listed = await chat.send("Where is my order?", "order_status")
    assert listed.keys == ("which_order",)
    assert "1) #1006" in listed.text  # newest first
    assert len(chat.state.candidates) == 5 and {"1001", "1002"} <= set(chat.state.candidates)
    chosen = await chat.send("#1001", confidence=0.2)
    assert chosen.keys[0] == "order_status" and "#1001" in chosen.text


async def test_guessing_order_numbers_ends_with_a_person(shop: Shop) -> None:
    chat = shop.chat()
    assert (await chat.send("Status of order 9001?", "order_status")).keys == ("order_not_found",)
    assert (await chat.send("9002", confidence=0.2)).keys == ("order_not_found",)
    outcome = await chat.send("9003", confidence=0.2)
    assert outcome.handoff is not None and outcome.handoff.reason is HandoffReason.UNSURE
