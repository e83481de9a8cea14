"""Rows of the built-in store as ``Order``s: four queries however many orders (orders, items, parcels,
events), so listing a customer's orders costs the same as reading one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.commerce.models import (
    Address,
    LineItem,
    Order,
    OrderStatus,
    Refund,
    RefundState,
    Shipment,
    TrackingEvent,
    TrackingState,
)
from babeldesk.db.commerce_tables import (
    store_line_items,
    store_orders,
    store_shipments,
    store_tracking_events,
)


async def load_orders(
    conn: AsyncConnection, *conditions: ColumnElement[bool], limit: int | None = None
) -> list[tuple[int, Order]]:
    """(row id, order) for the orders matching ``conditions``, newest first."""
    query = (
        select(store_orders).where(*conditions).order_by(store_orders.c.placed_at.desc(), store_orders.c.id)
    )
    rows = (await conn.execute(query.limit(limit))).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    items = await _items(conn, ids)
    shipments = await _shipments(conn, ids)
    return [(row.id, _order(row, items[row.id], shipments[row.id])) for row in rows]


async def _items(conn: AsyncConnection, order_ids: Sequence[int]) -> dict[int, list[LineItem]]:
    query = (
        select(store_line_items)
        .where(store_line_items.c.order_id.in_(order_ids))
        .order_by(store_line_items.c.order_id, store_line_items.c.position)
    )
    found: dict[int, list[LineItem]] = defaultdict(list)
    for row in await conn.execute(query):
        found[row.order_id].append(LineItem(row.sku, row.title, row.quantity, row.unit_price))
    return found


async def _shipments(conn: AsyncConnection, order_ids: Sequence[int]) -> dict[int, list[Shipment]]:
    query = (
        select(store_shipments)
        .where(store_shipments.c.order_id.in_(order_ids))
        .order_by(store_shipments.c.order_id, store_shipments.c.shipped_at.nulls_last(), store_shipments.c.id)
    )
    rows = (await conn.execute(query)).all()
    events = await _events(conn, [row.id for row in rows])
    found: dict[int, list[Shipment]] = defaultdict(list)
    for row in rows:
        found[row.order_id].append(_shipment(row, events[row.id]))
    return found


async def _events(conn: AsyncConnection, shipment_ids: Sequence[int]) -> dict[int, list[TrackingEvent]]:
    found: dict[int, list[TrackingEvent]] = defaultdict(list)
    if not shipment_ids:
        return found
    query = (
        select(store_tracking_events)
        .where(store_tracking_events.c.shipment_id.in_(shipment_ids))
        .order_by(store_tracking_events.c.at, store_tracking_events.c.id)
    )
    for row in await conn.execute(query):
        found[row.shipment_id].append(tracking_event(row))
    return found


def tracking_event(row: Row[Any]) -> TrackingEvent:
    return TrackingEvent(row.at, TrackingState(row.state), row.description, row.location)


def _shipment(row: Row[Any], events: list[TrackingEvent]) -> Shipment:
    return Shipment(
        carrier=row.carrier,
        tracking_number=row.tracking_number,
        state=TrackingState(row.state),
        shipped_at=row.shipped_at,
        estimated_delivery=row.estimated_delivery,
        delivered_at=row.delivered_at,
        tracking_url=row.tracking_url,
        events=tuple(events),
    )


def _order(row: Row[Any], items: list[LineItem], shipments: list[Shipment]) -> Order:
    return Order(
        number=row.number,
        status=OrderStatus(row.status),
        placed_at=row.placed_at,
        email=row.email,
        currency=row.currency,
        total=row.total,
        phone=row.phone,
        shipping_address=Address(**row.shipping_address) if row.shipping_address else None,
        items=tuple(items),
        shipments=tuple(shipments),
        refund=Refund(RefundState(row.refund_state), row.refund_amount, row.refunded_at),
        delivered_at=row.delivered_at,
    )
