"""WooCommerce REST API (``wc/v3``) order JSON, refunds and Shipment Tracking items as our ``Order``.

WooCommerce knows payment and fulfilment, not parcels: "completed" means the shop sent the order, and a
Shipment Tracking item means a label exists. Where a parcel is, only the carrier can say; delivery
is known only from a "delivered" status some shipping plugins add, and even then not when.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time
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
    TrackingState,
)
from babeldesk.commerce.wire import money, required_when, text, when

Json = dict[str, Any]

STATUSES = {
    "pending": OrderStatus.PENDING,  # awaiting payment
    "on-hold": OrderStatus.PENDING,  # awaiting a manual payment (bank transfer, cheque)
    "failed": OrderStatus.PENDING,  # the payment failed; the customer may pay again
    "processing": OrderStatus.PAID,
    "completed": OrderStatus.SHIPPED,
    "cancelled": OrderStatus.CANCELLED,
    "refunded": OrderStatus.REFUNDED,
    # Added by common shipping plugins (Advanced Shipment Tracking and others).
    "shipped": OrderStatus.SHIPPED,
    "partial-shipped": OrderStatus.SHIPPED,
    "delivered": OrderStatus.DELIVERED,
}
# Statuses after which the customer holds the goods, or soon will: a return can be opened.
RETURNABLE = {"completed", "delivered"}
TRACKING_META = "_wc_shipment_tracking_items"


def read_order(raw: Json, trackings: Sequence[Json] | None = None, refunds: Sequence[Json] = ()) -> Order:
    """``trackings``: Shipment Tracking items, when fetched; otherwise the order's own meta data."""
    status = text(raw["status"])
    if status not in STATUSES:
        raise ValueError(f"order status {status!r} is not one Babeldesk knows")
    billing = raw.get("billing") or {}
    items = trackings if trackings is not None else tracking_meta(raw)
    return Order(
        number=normalize_number(text(raw.get("number")) or text(raw["id"])),
        status=STATUSES[status],
        placed_at=required_when(raw.get("date_created_gmt") or raw["date_created"]),
        email=text(billing.get("email")),
        currency=text(raw["currency"]),
        total=money(raw["total"]),
        phone=text(billing.get("phone")),
        shipping_address=read_address(raw.get("shipping")),
        items=tuple(read_item(item) for item in raw.get("line_items") or []),
        shipments=tuple(read_tracking(item) for item in items),
        refund=read_refunds(refunds),
    )


def tracking_meta(raw: Json) -> list[Json]:
    for meta in raw.get("meta_data") or []:
        if meta.get("key") == TRACKING_META and isinstance(meta.get("value"), list):
            return list(meta["value"])
    return []


def read_item(raw: Json) -> LineItem:
    return LineItem(text(raw.get("sku")), text(raw.get("name")), int(raw["quantity"]), money(raw["price"]))


def read_tracking(raw: Json) -> Shipment:
    carrier = text(raw.get("tracking_provider")) or text(raw.get("custom_tracking_provider"))
    link = text(raw.get("tracking_link")) or text(raw.get("custom_tracking_link"))
    return Shipment(
        carrier=carrier,
        tracking_number=text(raw["tracking_number"]),
        state=TrackingState.LABEL_CREATED,
        shipped_at=_shipped(raw.get("date_shipped")),
        tracking_url=link if link.startswith(("http://", "https://")) else "",
    )


def _shipped(value: Any) -> datetime | None:
    """The REST endpoint gives a date (``2025-03-01``); the order meta a Unix timestamp."""
    value = text(value)
    if not value:
        return None
    if value.isdigit():
        return datetime.fromtimestamp(int(value), UTC)
    return datetime.combine(date.fromisoformat(value), time(), UTC)


def read_refunds(refunds: Sequence[Json]) -> Refund:
    """A WooCommerce refund record is money already returned (by the gateway or by hand)."""
    if not refunds:
        return Refund(RefundState.NONE)
    amount = sum((abs(money(r["amount"])) for r in refunds), Decimal(0))
    latest = max((t for r in refunds if (t := when(r.get("date_created_gmt")))), default=None)
    return Refund(RefundState.REFUNDED, amount, latest)


def read_address(raw: Json | None) -> Address | None:
    if not raw or not text(raw.get("address_1")):
        return None  # digital goods and pick-up orders have no shipping address
    return Address(
        name=" ".join(part for part in (text(raw.get("first_name")), text(raw.get("last_name"))) if part),
        line1=text(raw.get("address_1")),
        city=text(raw.get("city")),
        postal_code=text(raw.get("postcode")),
        country=text(raw.get("country")),
        line2=text(raw.get("address_2")),
        region=text(raw.get("state")),
        phone=text(raw.get("phone")),
    )


def write_address(address: Address) -> Json:
    first, _, last = address.name.strip().partition(" ")
    return {
        "first_name": first,
        "last_name": last,
        "address_1": address.line1,
        "address_2": address.line2,
        "city": address.city,
        "state": address.region,
        "postcode": address.postal_code,
        "country": address.country,
        "phone": address.phone,
    }
