"""The built-in store and carrier over the real database, loaded with the demo shop's orders."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from babeldesk.commerce.builtin import BuiltinStore
from babeldesk.commerce.demo import seed_demo_orders
from babeldesk.commerce.models import (
    Address,
    OrderStatus,
    RefundState,
    ReturnReason,
    TrackingState,
)
from babeldesk.commerce.store import NotAllowed, OrderNotFound
from babeldesk.db.commerce_tables import store_orders, store_returns
from tests.commerce.conftest import NOW, Shop, make_workspace

NEW_ADDRESS = Address(
    "Wang Fang", "Huaihai Middle Road 999", "Shanghai", "200031", "CN", phone="+86 138 0013 8000"
)


async def test_an_order_is_found_however_the_customer_writes_its_number(shop: Shop) -> None:
    for spelling in ("1001", "#1001", " #1001 "):
        order = await shop.store.find_order(spelling)
        assert order is not None and order.number == "1001"
    assert await shop.store.find_order("9999") is None


async def test_an_order_numbered_with_letters_is_found_by_its_digits_when_they_are_one_orders(
    shop: Shop,
) -> None:
    mine = store_orders.c.workspace_id == shop.workspace_id
    async with shop.db.transaction() as conn:
        await conn.execute(
            update(store_orders).where(mine, store_orders.c.number == "1003").values(number="BD-1003")
        )
    for spelling in ("BD-1003", "bd1003", "1003"):
        order = await shop.store.find_order(spelling)
        assert order is not None and order.number == "BD-1003", spelling
    assert (await shop.store.cancel_order("bd1003", reason="test")).status is OrderStatus.CANCELLED
    # two orders with the same digits: neither is guessed
    async with shop.db.transaction() as conn:
        await conn.execute(
            update(store_orders).where(mine, store_orders.c.number == "1002").values(number="XY-1003")
        )
    assert await shop.store.find_order("1003") is None
    assert await shop.store.find_order("12") is None  # too few digits to mean an order


async def test_an_order_reads_back_with_items_parcels_and_events_in_order(shop: Shop) -> None:
    order = await shop.store.find_order("1001")
    assert order is not None
    assert (order.status, order.email, order.currency, order.total) == (
        OrderStatus.SHIPPED,
        "ana@example.com",
        "EUR",
        Decimal("89.80"),
    )
    assert order.placed_at == NOW - timedelta(days=7)
    assert [(i.sku, i.quantity, i.unit_price) for i in order.items] == [
        ("LIN-SHIRT-M", 1, Decimal("49.90")),
        ("CAP-CANVAS", 2, Decimal("19.95")),
    ]
    assert order.shipping_address is not None and order.shipping_address.city == "Madrid"
    (parcel,) = order.shipments
    assert (parcel.carrier, parcel.state) == ("DHL", TrackingState.IN_TRANSIT)
    assert parcel.estimated_delivery == NOW + timedelta(days=2)
    states = [event.state for event in parcel.events]
    assert states == ["label_created", "in_transit", "in_transit", "customs", "in_transit"]
    assert [e.at for e in parcel.events] == sorted(e.at for e in parcel.events)


async def test_orders_stay_inside_their_workspace(shop: Shop) -> None:
    other_id = await make_workspace(shop.db, "other-shop")
    other = BuiltinStore(shop.db, other_id)
    assert await other.find_order("1001") is None
    assert await other.orders_for_contact(email="ana@example.com") == []
    async with shop.db.transaction() as conn:
        await seed_demo_orders(conn, other_id, now=NOW)
    assert await other.cancel_order("1003", reason="test") is not None
    mine = await shop.store.find_order("1003")
    assert mine is not None and mine.status is OrderStatus.PAID


async def test_a_customer_is_found_by_email_in_any_case_or_by_phone_in_any_spelling(shop: Shop) -> None:
    assert [o.number for o in await shop.store.orders_for_contact(email="ANA@Example.com ")] == ["1001"]
    assert [o.number for o in await shop.store.orders_for_contact(phone="612 345 678")] == ["1001"]
    assert [o.number for o in await shop.store.orders_for_contact(phone="0034-612-345-678")] == ["1001"]
    assert await shop.store.orders_for_contact(phone="12 345 678") == []  # too short to be sure
    assert await shop.store.orders_for_contact(email="ana@example.org") == []
    assert await shop.store.orders_for_contact() == []


async def test_a_customers_orders_come_newest_first(shop: Shop) -> None:
    orders = await shop.store.orders_for_contact(email="jonas@example.com")
    assert [o.number for o in orders] == ["1004"]
    async with shop.db.transaction() as conn:
        await conn.execute(
            store_orders.update().where(store_orders.c.number == "1003").values(email="jonas@example.com")
        )
    orders = await shop.store.orders_for_contact(email="jonas@example.com")
    assert [o.number for o in orders] == ["1003", "1004"]


async def test_cancelling_a_paid_order_cancels_it_and_owes_the_refund(shop: Shop) -> None:
    cancelled = await shop.store.cancel_order("#1003", reason="ordered twice")
    assert cancelled.status is OrderStatus.CANCELLED
    assert (cancelled.refund.state, cancelled.refund.amount) == (RefundState.REQUESTED, Decimal("598.00"))
    again = await shop.store.find_order("1003")
    assert again == cancelled
    async with shop.db.transaction() as conn:
        reason = await conn.scalar(
            select(store_orders.c.cancel_reason).where(store_orders.c.number == "1003")
        )
    assert reason == "ordered twice"
    with pytest.raises(NotAllowed, match="1003 is cancelled"):
        await shop.store.cancel_order("1003", reason="again")


async def test_shipped_delivered_and_unknown_orders_cannot_be_cancelled(shop: Shop) -> None:
    for number in ("1001", "1002", "1006"):
        with pytest.raises(NotAllowed, match="already shipped"):
            await shop.store.cancel_order(number, reason="changed my mind")
        order = await shop.store.find_order(number)
        assert order is not None and order.status is not OrderStatus.CANCELLED
    with pytest.raises(OrderNotFound):
        await shop.store.cancel_order("4242", reason="x")


async def test_two_conversations_cancelling_at_once_cancel_once(shop: Shop) -> None:
    first = BuiltinStore(shop.db, shop.workspace_id)
    results = await asyncio.gather(
        shop.store.cancel_order("1003", reason="a"),
        first.cancel_order("1003", reason="b"),
        return_exceptions=True,
    )
    assert sorted(type(r).__name__ for r in results) == ["NotAllowed", "Order"]


async def test_the_address_changes_only_before_shipping(shop: Shop) -> None:
    changed = await shop.store.change_shipping_address("1003", NEW_ADDRESS)
    assert changed.shipping_address == NEW_ADDRESS
    found = await shop.store.find_order("1003")
    assert found is not None and found.shipping_address == NEW_ADDRESS
    with pytest.raises(NotAllowed, match="1001 has already shipped"):
        await shop.store.change_shipping_address("1001", NEW_ADDRESS)
    await shop.store.cancel_order("1003", reason="x")
    with pytest.raises(NotAllowed, match="cancelled"):
        await shop.store.change_shipping_address("1003", NEW_ADDRESS)
    with pytest.raises(OrderNotFound):
        await shop.store.change_shipping_address("4242", NEW_ADDRESS)


async def test_a_delivered_order_opens_returns_item_by_item(shop: Shop) -> None:
    created = await shop.store.create_return(
        "1002", reason=ReturnReason.DEFECTIVE, skus=[], resolution="replacement", note="sole came off"
    )
    assert (created.order_number, created.reference, created.skus) == ("1002", "R1002-1", ("RUN-SHOE-42",))
    with pytest.raises(NotAllowed, match="already being returned \\(R1002-1\\)"):
        await shop.store.create_return(
            "1002", reason=ReturnReason.CHANGED_MIND, skus=["RUN-SHOE-42"], resolution="refund", note=""
        )
    async with shop.db.transaction() as conn:
        row = (await conn.execute(select(store_returns))).one()
    assert (row.reason, row.resolution, row.note, row.region) == (
        "defective",
        "replacement",
        "sole came off",
        "eu",
    )


async def test_returns_refuse_what_cannot_be_returned(shop: Shop) -> None:
    refused = {
        "1003": ("1003 is paid; only delivered", ["WOOL-SCARF"], "refund"),
        "1001": ("1001 is shipped", ["CAP-CANVAS"], "refund"),
        "1004": ("has no item NOPE", ["NOPE"], "refund"),
        "1005": ("refund or a replacement", [], "store credit"),
    }
    for number, (message, skus, resolution) in refused.items():
        with pytest.raises(NotAllowed, match=message):
            await shop.store.create_return(
                number, reason=ReturnReason.CHANGED_MIND, skus=skus, resolution=resolution, note=""
            )
    with pytest.raises(OrderNotFound):
        await shop.store.create_return(
            "4242", reason=ReturnReason.DEFECTIVE, skus=[], resolution="refund", note=""
        )
    async with shop.db.transaction() as conn:
        assert await conn.scalar(select(func.count()).select_from(store_returns)) == 0


async def test_returns_survive_a_reimport_of_the_orders(shop: Shop) -> None:
    await shop.store.create_return(
        "1004", reason=ReturnReason.CHANGED_MIND, skus=[], resolution="refund", note=""
    )
    async with shop.db.transaction() as conn:
        await seed_demo_orders(conn, shop.workspace_id, now=NOW)
        assert await conn.scalar(select(func.count()).select_from(store_returns)) == 1
    second = await shop.store.create_return(
        "1005", reason=ReturnReason.DEFECTIVE, skus=[], resolution="refund", note=""
    )
    assert second.reference == "R1005-1"


async def test_the_builtin_carrier_tells_the_imported_events_oldest_first(shop: Shop) -> None:
    events = await shop.carrier.track("JD014600006281234567")
    assert [e.description for e in events][-2:] == [
        "Customs clearance in progress",
        "Clearance complete; shipment released by customs",
    ]
    assert events[0].state is TrackingState.LABEL_CREATED and events[0].location == "Shenzhen, CN"
    assert await shop.carrier.track("JD014600006281234567", carrier="dhl") == events
    assert await shop.carrier.track("JD014600006281234567", carrier="UPS") == []
    assert await shop.carrier.track("UNKNOWN123") == []
    lost = await shop.carrier.track("47823164093")
    assert lost[-1].state is TrackingState.EXCEPTION
