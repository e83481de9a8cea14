"""Shopify's REST Admin API order, fulfillment and fulfillment-event JSON as our ``Order``.

Only what Shopify states is used: a fulfillment with no shipment status is a parcel with a label and
nothing more; a delivery time comes from a "delivered" fulfillment event, never from a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from babeldesk.commerce.contact import normalize_number
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
from babeldesk.commerce.wire import money, required_when, text, when

Json = dict[str, Any]

# Fulfillment ``shipment_status`` and fulfillment event ``status`` share these values.
SHIPMENT_STATES = {
    "label_printed": TrackingState.LABEL_CREATED,
    "label_purchased": TrackingState.LABEL_CREATED,
    "confirmed": TrackingState.LABEL_CREATED,
    "carrier_picked_up": TrackingState.IN_TRANSIT,
    "in_transit": TrackingState.IN_TRANSIT,
    "delayed": TrackingState.IN_TRANSIT,  # still moving; the event's message says why
    "out_for_delivery": TrackingState.OUT_FOR_DELIVERY,
    "ready_for_pickup": TrackingState.OUT_FOR_DELIVERY,
    "attempted_delivery": TrackingState.EXCEPTION,
    "failure": TrackingState.EXCEPTION,
    "not_delivered": TrackingState.EXCEPTION,
    "delivered": TrackingState.DELIVERED,
    "picked_up": TrackingState.DELIVERED,
}
# Fulfillments that never left, or were called back, are not parcels on their way.
_DEAD_FULFILLMENTS = {"cancelled", "error", "failure"}
_PAID = {"paid", "partially_paid", "partially_refunded", "authorized"}


def order_number(raw: Json) -> str:
    return normalize_number(text(raw.get("name")) or text(raw.get("order_number")))


def read_order(raw: Json, events: Mapping[int, Sequence[Json]] | None = None) -> Order:
    """``events``: fulfillment events by fulfillment id, for the orders they were fetched for."""
    shipments = [
        read_shipment(fulfillment, (events or {}).get(fulfillment.get("id", 0), ()))
        for fulfillment in raw.get("fulfillments") or []
        if fulfillment.get("status") not in _DEAD_FULFILLMENTS
    ]
    delivered = [s.delivered_at for s in shipments if s.delivered_at is not None]
    return Order(
        number=order_number(raw),
        status=order_status(raw, shipments),
        placed_at=required_when(raw.get("processed_at") or raw["created_at"]),
        email=text(raw.get("email") or raw.get("contact_email")),
        currency=text(raw["currency"]),
        total=money(raw["total_price"]),
        phone=text(raw.get("phone")),
        shipping_address=read_address(raw.get("shipping_address")),
        items=tuple(read_item(item) for item in raw.get("line_items") or []),
        shipments=tuple(shipments),
        refund=read_refund(raw),
        delivered_at=max(delivered) if delivered and len(delivered) == len(shipments) else None,
    )


def order_status(raw: Json, shipments: Sequence[Shipment]) -> OrderStatus:
    financial = text(raw.get("financial_status"))
    if raw.get("cancelled_at") or financial == "voided":
        return OrderStatus.CANCELLED
    if financial == "refunded":
        return OrderStatus.REFUNDED
    if shipments and all(s.state is TrackingState.DELIVERED for s in shipments):
        return OrderStatus.DELIVERED
    if shipments or raw.get("fulfillment_status") in ("fulfilled", "partial"):
        return OrderStatus.SHIPPED
    return OrderStatus.PAID if financial in _PAID else OrderStatus.PENDING


def read_item(raw: Json) -> LineItem:
    title = text(raw.get("name")) or text(raw.get("title"))
    return LineItem(text(raw.get("sku")), title, int(raw["quantity"]), money(raw["price"]))


def read_shipment(raw: Json, events: Sequence[Json]) -> Shipment:
    tracking = [read_event(event) for event in events]
    tracking.sort(key=lambda event: event.at)
    status = text(raw.get("shipment_status"))
    delivered = [e.at for e in tracking if e.state is TrackingState.DELIVERED]
    estimates = [t for e in events if (t := when(e.get("estimated_delivery_at")))]
    numbers = raw.get("tracking_numbers") or []
    return Shipment(
        carrier=text(raw.get("tracking_company")),
        tracking_number=text(raw.get("tracking_number")) or (text(numbers[0]) if numbers else ""),
        state=SHIPMENT_STATES.get(status, tracking[-1].state if tracking else TrackingState.LABEL_CREATED),
        shipped_at=when(raw.get("created_at")),
        estimated_delivery=estimates[-1] if estimates else None,
        delivered_at=delivered[-1] if delivered else None,
        tracking_url=text(raw.get("tracking_url")),
        events=tuple(tracking),
    )


def read_event(raw: Json) -> TrackingEvent:
    status = text(raw["status"])
    place = ", ".join(text(raw.get(key)) for key in ("city", "province", "country") if raw.get(key))
    return TrackingEvent(
        at=required_when(raw["happened_at"]),
        state=SHIPMENT_STATES[status],
        description=text(raw.get("message")) or status.replace("_", " "),
        location=place,
    )


def read_refund(raw: Json) -> Refund:
    """Money counts as refunded once a refund transaction succeeded; a refund without one is under way."""
    refunds = raw.get("refunds") or []
    paid_back = [
        money(transaction["amount"])
        for refund in refunds
        for transaction in refund.get("transactions") or []
        if transaction.get("kind") == "refund" and transaction.get("status") == "success"
    ]
    latest = max((t for r in refunds if (t := when(r.get("created_at")))), default=None)
    if paid_back:
        return Refund(RefundState.REFUNDED, sum(paid_back, Decimal(0)), latest)
    if refunds:
        return Refund(RefundState.PROCESSING, Decimal(0), latest)
    return Refund(RefundState.NONE)


def read_address(raw: Json | None) -> Address | None:
    if not raw:
        return None
    name = text(raw.get("name")) or " ".join(
        text(raw.get(k)) for k in ("first_name", "last_name") if raw.get(k)
    )
    return Address(
        name=name,
        line1=text(raw.get("address1")),
        city=text(raw.get("city")),
        postal_code=text(raw.get("zip")),
        country=text(raw.get("country_code")),
        line2=text(raw.get("address2")),
        region=text(raw.get("province_code")) or text(raw.get("province")),
        phone=text(raw.get("phone")),
    )


def write_address(address: Address) -> Json:
    """Shopify stores first and last names apart; everything after the first word is the last name,
    and a one-word name (or a name in a script without spaces) is all last name, which Shopify requires."""
    first, _, last = address.name.strip().partition(" ")
    names = {"first_name": first, "last_name": last} if last else {"first_name": "", "last_name": first}
    return {
        **names,
        "address1": address.line1,
        "address2": address.line2,
        "city": address.city,
        "province": address.region,
        "zip": address.postal_code,
        "country_code": address.country,
        "phone": address.phone,
    }
