"""The commerce domain as plain data: what every store and carrier adapter returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class OrderStatus(StrEnum):
    PENDING = "pending"  # placed, not paid yet
    PAID = "paid"  # paid, not yet handed to a carrier
    SHIPPED = "shipped"  # at least one shipment handed to a carrier
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


class TrackingState(StrEnum):
    LABEL_CREATED = "label_created"
    IN_TRANSIT = "in_transit"
    CUSTOMS = "customs"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    EXCEPTION = "exception"


class RefundState(StrEnum):
    NONE = "none"
    REQUESTED = "requested"
    PROCESSING = "processing"
    REFUNDED = "refunded"
    REJECTED = "rejected"


class ReturnReason(StrEnum):
    DEFECTIVE = "defective"  # damaged, faulty or wrong item: the seller pays
    CHANGED_MIND = "changed_mind"  # fit, taste, no longer needed: policy decides


@dataclass(frozen=True)
class Address:
    name: str
    line1: str
    city: str
    postal_code: str
    country: str  # ISO 3166-1 alpha-2
    line2: str = ""
    region: str = ""
    phone: str = ""


@dataclass(frozen=True)
class LineItem:
    sku: str
    title: str
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class TrackingEvent:
    at: datetime
    state: TrackingState
    description: str  # as the carrier wrote it, in the carrier's language
    location: str = ""


@dataclass(frozen=True)
class Shipment:
    carrier: str
    tracking_number: str
    state: TrackingState
    shipped_at: datetime | None = None
    estimated_delivery: datetime | None = None
    delivered_at: datetime | None = None
    tracking_url: str = ""
    events: tuple[TrackingEvent, ...] = ()


@dataclass(frozen=True)
class Refund:
    state: RefundState
    amount: Decimal = Decimal(0)
    at: datetime | None = None


@dataclass(frozen=True)
class Order:
    number: str  # what the customer sees, e.g. "1001" (never the store's internal id)
    status: OrderStatus
    placed_at: datetime
    email: str
    currency: str
    total: Decimal
    phone: str = ""
    shipping_address: Address | None = None
    items: tuple[LineItem, ...] = ()
    shipments: tuple[Shipment, ...] = ()
    refund: Refund = field(default_factory=lambda: Refund(RefundState.NONE))
    delivered_at: datetime | None = None

    @property
    def has_shipped(self) -> bool:
        return self.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED) or bool(self.shipments)


@dataclass(frozen=True)
class ReturnRequest:
    order_number: str
    reason: ReturnReason
    reference: str  # the store's return / RMA id
    skus: tuple[str, ...] = ()
    resolution: str = ""  # "refund" or "replacement"
