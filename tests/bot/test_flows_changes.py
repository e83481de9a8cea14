"""Flows that change orders in the built-in store on a real PostgreSQL, and what policy keeps them from
promising: returns, cancellations, address changes."""

from __future__ import annotations

from sqlalchemy import select, update

from babeldesk.bot.context import Contact, HandoffReason
from babeldesk.commerce.importer import do_import_orders
from babeldesk.commerce.models import OrderStatus
from babeldesk.commerce.records import OrderRecord
from babeldesk.db.commerce_tables import store_orders, store_returns
from babeldesk.helpdesk.understanding import sentence_reader
from tests.bot.conftest import EMAIL, SETTINGS, Shop, dataset_orders

VERIFIED = Contact(email=EMAIL)  # the channel vouches for the customer: no question asked


async def _return_rows(shop: Shop) -> list[tuple[str, str, str]]:
    async with shop.db.transaction() as conn:
        rows = await conn.execute(
            select(store_returns.c.reference, store_returns.c.reason, store_returns.c.resolution)
        )
        return [tuple(row) for row in rows]


async def test_defective_return_photo_then_resolution(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    assert (await chat.send("My sneakers from order 1003 are broken", "return_defective")).keys == (
        "return_defective_ask_photo",
    )
    assert (await chat.send("one moment", confidence=0.2)).keys == ("return_defective_ask_photo",)
    assert (await chat.send("here", confidence=0.2, images=1)).keys == ("return_defective_offer",)
    done = await chat.send("I'd like my money back, a refund", confidence=0.3)
    assert done.keys == ("return_defective_created", "anything_else")
    assert [a.name for a in done.actions] == ["create_return"]
    assert "R1003-1" in done.replies[0] and "refund" in done.replies[0]
    assert await _return_rows(shop) == [("R1003-1", "defective", "refund")]


async def test_no_photo_to_send_goes_to_a_person(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    await chat.send("My sneakers from order 1003 are broken", "return_defective")
    outcome = await chat.send("No, I don't have a camera", confidence=0.2)
    assert outcome.handoff is not None and outcome.handoff.reason is HandoffReason.POLICY
    assert await _return_rows(shop) == []


async def test_changed_mind_return_explains_who_pays_and_waits_for_yes(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    offer = await chat.send("I want to return order 1003, changed my mind", "return_changed_mind")
    assert offer.keys == ("return_window_open", "return_shipping_customer", "return_confirm")
    assert "30 days" in offer.replies[0] and "March 31, 2025" in offer.replies[0]
    assert await _return_rows(shop) == []
    declined = await chat.send("no", confidence=0.2)
    assert declined.keys == ("anything_else",) and await _return_rows(shop) == []


async def test_keeping_the_item_declines_the_return_even_beside_a_yes_word(shop: Shop) -> None:
    # Malay "ya" is a tag here ("I pay myself, right?"), the decision is "I'll just keep them"
    for text, language in (
        ("Ooo kena bayar sendiri ya. Takpe lah, saya simpan je la kasut tu", "ms"),
        ("Oh I pay the postage? Never mind then, I'll keep them", "en"),
    ):
        chat = shop.chat(contact=VERIFIED)
        await chat.send(
            "I want to return order 1003, changed my mind", "return_changed_mind", language=language
        )
        kept = await chat.send(text, "payment_problem", confidence=0.86, language=language)
        assert kept.keys == ("anything_else",), text
    assert await _return_rows(shop) == []


async def test_cancelling_instead_of_a_return_is_a_cancel_request_even_when_heard_as_a_refund(
    shop: Shop,
) -> None:
    chat = shop.chat(contact=VERIFIED)
    await chat.send("I want to return order 1003, changed my mind", "return_changed_mind")
    instead = await chat.send("Can't you just cancel it and refund me?", "refund_status")
    assert instead.keys[0] == "cancel_not_allowed" and await _return_rows(shop) == []
    # Outside a return the same words stay a refund question about the order.
    asked = await shop.chat(contact=VERIFIED).send("cancelled 1005, where is my refund?", "refund_status")
    assert asked.keys[0].startswith("refund_")


async def test_changed_mind_return_paid_by_seller(shop: Shop) -> None:
    settings = {"bot": {"policy": {**SETTINGS["bot"]["policy"], "changed_mind_return_paid_by": "seller"}}}
    chat = shop.chat(contact=VERIFIED, settings=settings)
    offer = await chat.send("I want to return order 1003", "return_changed_mind")
    assert "return_shipping_free" in offer.keys and "return_shipping_customer" not in offer.keys
    done = await chat.send("yes", confidence=0.2)
    assert done.keys == ("return_created", "anything_else")
    assert await _return_rows(shop) == [("R1003-1", "changed_mind", "refund")]


async def test_return_refusals(shop: Shop) -> None:
    closed = await shop.chat(contact=VERIFIED).send("return order 1004 please", "return_changed_mind")
    assert (
        closed.keys == ("return_window_closed", "anything_else") and "January 10, 2025" in closed.replies[0]
    )
    settings = {"bot": {"policy": {**SETTINGS["bot"]["policy"], "return_window_days": 7}}}
    short = await shop.chat(contact=VERIFIED, settings=settings).send("return 1003", "return_changed_mind")
    assert short.keys[0] == "return_window_closed"
    undelivered = await shop.chat(contact=VERIFIED).send("return order 1001", "return_changed_mind")
    # not yet delivered: no return yet, but who pays the postage of one is said now
    assert undelivered.keys == ("return_not_delivered", "return_shipping_customer", "anything_else")
    assert await _return_rows(shop) == []


async def test_return_reason_asked_when_unclear(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    chat.state.flow, chat.state.intent = "returns", "return_defective"
    chat.state.return_reason = None
    first = await chat.send("I want to send back order 1003", confidence=0.2)
    assert first.keys == ("return_which_reason",)
    assert (await chat.send("it arrived damaged", confidence=0.2)).keys == ("return_defective_ask_photo",)


async def _two_items(shop: Shop) -> None:
    """Order 3003: order 1003 (delivered) with a kettle and four mugs."""
    order = {**dataset_orders()["1003"], "number": "3003"}
    order["items"] = [
        {"sku": "KETL-2", "title": "Electric kettle", "quantity": 1, "unit_price": "39.00"},
        {"sku": "MUG-1", "title": "Mug", "quantity": 4, "unit_price": "6.00"},
    ]
    async with shop.db.transaction() as conn:
        await do_import_orders(conn, shop.workspace_id, [OrderRecord.model_validate(order)])


async def _returned_skus(shop: Shop) -> list[list[str]]:
    async with shop.db.transaction() as conn:
        return [row.skus for row in await conn.execute(select(store_returns.c.skus))]


async def test_of_several_items_only_the_one_named_goes_back(shop: Shop) -> None:
    await _two_items(shop)
    chat = shop.chat(contact=VERIFIED)
    asked = await chat.send(
        "Order 3003: the kettle and the mugs, one of them arrived cracked", "return_defective"
    )
    assert asked.keys == ("return_which_item",)  # both named: the bot cannot tell which one is broken
    assert "1. Electric kettle; 2. 4 × Mug" in asked.replies[0]
    assert (await chat.send("the mugs", confidence=0.2)).keys == ("return_defective_ask_photo",)
    await chat.send("here", confidence=0.2, images=1)
    await chat.send("a replacement please", confidence=0.2)
    assert await _returned_skus(shop) == [["MUG-1"]]


async def test_an_item_named_only_to_be_praised_stays(shop: Shop) -> None:
    await _two_items(shop)
    cracked = shop.chat(contact=VERIFIED)
    asked = await cracked.send(
        "Order 3003: the kettle is fine but two mugs arrived cracked", "return_defective"
    )
    assert asked.keys == ("return_defective_ask_photo",) and cracked.state.return_skus == ["MUG-1"]
    changed = shop.chat(contact=VERIFIED)
    offer = await changed.send(
        "Order 3003 came last week. The kettle is great, but the mugs are too small for us, so I'd like to "
        "send them back",
        "return_changed_mind",
    )
    assert offer.keys[0] == "return_window_open" and changed.state.return_skus == ["MUG-1"]
    # praise taken back is no praise: both are named, the customer is asked
    unsure = shop.chat(contact=VERIFIED)
    asked = await unsure.send("Order 3003: the kettle is not great and the mugs too", "return_changed_mind")
    assert asked.keys == ("return_which_item",)


async def test_an_exchange_for_another_size_is_a_return_not_an_address_change(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    offer = await chat.send(
        "Order 1003 came, but can you exchange them for half a size up?", "change_address", language="en"
    )
    assert offer.keys[0] == "return_window_open"
    # "so no direct exchange. Yes, open the return": the sentence that opens with the answer decides
    done = await chat.send("ah ok, so no direct exchange. Yes, open the return", "change_address")
    assert done.keys[0] == "return_created"
    # an address is an address
    moved = await shop.chat(contact=VERIFIED).send(
        "Please change the address of order 1002", "change_address"
    )
    assert moved.keys[0] == "address_ask_new"


async def test_a_return_that_turns_out_defective_keeps_the_item_picked(shop: Shop) -> None:
    await _two_items(shop)
    chat = shop.chat(contact=VERIFIED)
    assert (await chat.send("I'd like to return order 3003", "return_changed_mind")).keys == (
        "return_which_item",
    )
    # the answer to the list, with a photo of the fault: heard as a defective return
    photo = await chat.send("the first one, here is a photo", "return_defective", images=1)
    assert photo.keys == ("return_defective_offer",) and chat.state.return_skus == ["KETL-2"]


async def test_a_refund_or_replacement_declined_is_not_chosen(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    made = await chat.send(
        "The sneakers of order 1003 arrived broken, photo attached. Send a new one; I don't want a refund",
        "return_defective",
        images=1,
    )
    assert made.keys == ("return_defective_created", "anything_else") and "replacement" in made.replies[0]


async def test_items_picked_by_number_or_named_before_verification(shop: Shop) -> None:
    await _two_items(shop)
    chat = shop.chat()  # not verified: the item named first is remembered until the order may be read
    assert (await chat.send("the kettle of order 3003 stopped working", "return_defective")).keys == (
        "ask_verification",
    )
    assert (await chat.send(EMAIL, confidence=0.2)).keys == ("return_defective_ask_photo",)
    assert chat.state.return_skus == ["KETL-2"]
    changed = shop.chat(contact=VERIFIED)
    assert (await changed.send("I'd like to return order 3003", "return_changed_mind")).keys == (
        "return_which_item",
    )
    assert (await changed.send("7", confidence=0.2)).keys == ("return_which_item",)  # not on the list
    offer = await changed.send("1 and 2", confidence=0.2)
    assert offer.keys == ("return_window_open", "return_shipping_customer", "return_confirm")
    await changed.send("yes", confidence=0.2)
    assert await _returned_skus(shop) == [["KETL-2", "MUG-1"]]


async def _status(shop: Shop, number: str) -> str:
    order = await shop.store.find_order(number)
    assert order is not None
    return order.status.value


async def test_cancel_confirmed(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    assert (await chat.send("Cancel order 1002", "cancel_order")).keys == ("cancel_confirm",)
    assert await _status(shop, "1002") == "paid"
    done = await chat.send("yes please", confidence=0.2)
    assert done.keys == ("cancel_done", "anything_else") and "45.00 EUR" in done.replies[0]
    assert await _status(shop, "1002") == "cancelled"


async def test_cancel_declined_or_unclear(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    await chat.send("Cancel order 1002", "cancel_order")
    assert (await chat.send("hmm", confidence=0.1)).keys == ("confirm_yes_no",)
    assert (await chat.send("no, keep it", confidence=0.2)).keys == ("anything_else",)
    assert await _status(shop, "1002") == "paid"


async def test_a_question_to_shall_i_cancel_is_answered_by_asking_it_again(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    # cancelled by e-mail, the customer thinks: the money is asked after; nothing was refunded
    asked = await chat.send(
        "I e-mailed you to cancel order 1002. When do I get my money back?", "cancel_order"
    )
    assert asked.keys == ("refund_none", "cancel_confirm")
    again = await chat.send("Oh, so it isn't cancelled? Can that still be done?", confidence=0.3)
    assert again.keys == ("cancel_confirm",) and await _status(shop, "1002") == "paid"
    done = await chat.send("Can you cancel it?", "cancel_order")  # the request said again: a yes
    assert done.keys[0] == "cancel_done"


async def test_a_no_that_asks_for_something_else_gets_it(shop: Shop) -> None:
    # The message's sentences are read by the shipped model, as the worker reads them.
    chat = shop.chat(contact=VERIFIED, requests=sentence_reader({}))
    await chat.send("Cancel order 1002", "cancel_order")
    text = "No, please don't cancel it after all. Could you change the delivery address instead?"
    instead = await chat.send(text, "cancel_order")
    assert instead.keys == ("address_ask_new",)
    assert await _status(shop, "1002") == "paid"
    # A plain no is still only a no.
    again = shop.chat(contact=VERIFIED, requests=sentence_reader({}))
    await again.send("Cancel order 1002", "cancel_order")
    plain = await again.send("No, please don't cancel it after all.", "cancel_order")
    assert plain.keys == ("anything_else",)


async def test_cancel_refused_after_shipping(shop: Shop) -> None:
    outcome = await shop.chat(contact=VERIFIED).send("Cancel order 1001", "cancel_order")
    assert outcome.keys == ("cancel_not_allowed", "anything_else")


async def test_cancel_when_the_order_ships_before_the_yes(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    await chat.send("Cancel order 1002", "cancel_order")
    async with shop.db.transaction() as conn:
        await conn.execute(
            update(store_orders).where(store_orders.c.number == "1002").values(status="shipped")
        )
    outcome = await chat.send("yes", confidence=0.2)
    assert outcome.keys == ("cancel_not_allowed", "anything_else") and not outcome.actions


async def test_address_change(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    assert (await chat.send("Change the address of order 1002", "change_address")).keys == (
        "address_ask_new",
    )
    unreadable = await chat.send("to my new flat please", confidence=0.2)
    assert unreadable.keys == ("address_unreadable",)
    confirm = await chat.send("Ana García\nHauptstraße 5\n10115 Berlin\nDeutschland", confidence=0.2)
    assert confirm.keys == ("address_confirm",)
    assert "Hauptstraße 5, 10115 Berlin, Germany" in confirm.replies[0]  # the country named, not "DE"
    done = await chat.send("yes", confidence=0.2)
    assert done.keys == ("address_done", "anything_else")
    order = await shop.store.find_order("1002")
    assert order is not None and order.shipping_address is not None
    assert (order.shipping_address.city, order.shipping_address.country) == ("Berlin", "DE")


async def test_an_address_sent_in_two_messages_is_read_together(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    await chat.send("Change the address of order 1002", "change_address")
    assert (await chat.send("Calle de Alcalá 50, 3º B", confidence=0.2)).keys == ("address_unreadable",)
    confirm = await chat.send("28014 Madrid", confidence=0.2)
    assert confirm.keys == ("address_confirm",)
    assert "Calle de Alcalá 50, 3º B, 28014 Madrid, Spain" in confirm.replies[0]
    assert chat.state.address_parts == []


async def test_a_wrong_postcode_in_the_read_back_is_corrected_alone(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    await chat.send("Change the address of order 1002", "change_address")
    await chat.send("Calle de Alcalá 50, 28041 Madrid", confidence=0.2)
    fixed = await chat.send("no, typo: the postcode is 28014, not 28041", confidence=0.2)
    assert fixed.keys == ("address_confirm",) and "Calle de Alcalá 50, 28014 Madrid" in fixed.replies[0]
    done = await chat.send("yes", confidence=0.2)
    assert done.keys[0] == "address_done"
    order = await shop.store.find_order("1002")
    assert order is not None and order.shipping_address is not None
    assert order.shipping_address.postal_code == "28014"


async def test_address_unreadable_twice_goes_to_a_person(shop: Shop) -> None:
    chat = shop.chat(contact=VERIFIED)
    await chat.send("Change the address of order 1002", "change_address")
    await chat.send("somewhere nice", confidence=0.2)
    outcome = await chat.send("you know where", confidence=0.2)
    assert outcome.handoff is not None and outcome.handoff.reason is HandoffReason.UNSURE


async def test_address_change_refused_after_shipping(shop: Shop) -> None:
    outcome = await shop.chat(contact=VERIFIED).send("New address for order 1001", "change_address")
    assert outcome.keys == ("address_not_allowed", "handoff_wait")
    assert outcome.handoff is not None and outcome.handoff.reason is HandoffReason.POLICY
    order = await shop.store.find_order("1001")
    assert order is not None and order.status is OrderStatus.SHIPPED


async def test_one_item_of_several_cancelled_goes_to_a_person(shop: Shop) -> None:
    # the store cancels whole orders: "cancel 1 barang aja" is a person's work, whichever item it is
    buyer = Contact(email="salsabila.putri@example.co.id")
    outcome = await shop.chat(contact=buyer).send(
        "kak aku mau cancel 1 barang aja dr order 8845", "cancel_order", language="id"
    )
    assert outcome.handoff is not None and outcome.handoff.reason is HandoffReason.POLICY
    whole = await shop.chat(contact=buyer).send("please cancel order 8845", "cancel_order")
    assert whole.keys == ("cancel_confirm",) and whole.handoff is None
