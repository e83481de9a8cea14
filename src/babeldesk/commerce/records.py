"""Orders as a shop hands them to the built-in store (``babeldesk store import``, the demo): checked
field by field before anything is written, so one bad order never half-lands in the database.

Times without a UTC offset are taken as UTC. Amounts are decimal strings or numbers, never NaN.
``Parsed`` gathers a file's good orders and its ``Problem``s (each with the line it was found on).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from babeldesk.commerce.contact import normalize_email, normalize_number
from babeldesk.commerce.models import Address, OrderStatus, RefundState, TrackingState

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _utc_if_naive(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


When = Annotated[datetime, AfterValidator(_utc_if_naive)]
Money = Annotated[Decimal, Field(ge=0, max_digits=18, decimal_places=4)]
Line = Annotated[str, Field(max_length=500)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class AddressRecord(_Record):
    name: Line = Field(min_length=1)
    line1: Line = Field(min_length=1)
    city: Line = Field(min_length=1)
    postal_code: str = Field(max_length=20)
    country: str = Field(pattern=r"^[A-Za-z]{2}$")
    line2: Line = ""
    region: Line = ""
    phone: str = Field("", max_length=40)

    @field_validator("country")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.upper()

    def to_address(self) -> Address:
        return Address(**self.model_dump())


class ItemRecord(_Record):
    sku: str = Field(min_length=1, max_length=128)
    title: Line = Field(min_length=1)
    quantity: int = Field(gt=0, le=100_000)
    unit_price: Money


class EventRecord(_Record):
    at: When
    state: TrackingState
    description: str = Field(min_length=1, max_length=2000)
    location: Line = ""


class ShipmentRecord(_Record):
    carrier: str = Field(min_length=1, max_length=100)
    tracking_number: str = Field(min_length=1, max_length=100)
    state: TrackingState
    shipped_at: When | None = None
    estimated_delivery: When | None = None
    delivered_at: When | None = None
    tracking_url: str = Field("", max_length=2000)
    events: list[EventRecord] = Field(default_factory=list, max_length=500)


class RefundRecord(_Record):
    state: RefundState = RefundState.NONE
    amount: Money = Decimal(0)
    at: When | None = None


class OrderRecord(_Record):
    number: str = Field(min_length=1, max_length=64)
    status: OrderStatus
    currency: str = Field(pattern=r"^[A-Za-z]{3}$")
    total: Money
    placed_at: When
    email: str = Field("", max_length=320)
    phone: str = Field("", max_length=40)
    delivered_at: When | None = None
    shipping_address: AddressRecord | None = None
    refund: RefundRecord = Field(default_factory=RefundRecord)
    items: list[ItemRecord] = Field(min_length=1, max_length=500)
    shipments: list[ShipmentRecord] = Field(default_factory=list, max_length=50)

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        number = normalize_number(value)
        if not number:
            raise ValueError("the order number is empty")
        return number

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        return value.upper()

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not _EMAIL.match(value):
            raise ValueError(f"{value!r} is not an email address")
        return normalize_email(value)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.email and not self.phone:
            raise ValueError("an order needs an email or a phone, or no customer can ever be verified")
        numbers = [s.tracking_number for s in self.shipments]
        if len(set(numbers)) != len(numbers):
            raise ValueError("two shipments have the same tracking number")
        if self.status is OrderStatus.DELIVERED and self.delivery_time() is None:
            # Return windows start at delivery: a delivered order without a date would have none.
            raise ValueError("a delivered order needs delivered_at (on the order or on a shipment)")
        return self

    def delivery_time(self) -> datetime | None:
        shipment_times = [s.delivered_at for s in self.shipments if s.delivered_at is not None]
        return self.delivered_at or (max(shipment_times) if shipment_times else None)


def describe(error: ValidationError) -> str:
    """A validation error as one line a shop owner can act on: ``items.0.quantity: …; total: …``."""
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


@dataclass(frozen=True)
class Problem:
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class Parsed:
    orders: list[tuple[int, OrderRecord]] = field(default_factory=list)  # (first line, order)
    problems: list[Problem] = field(default_factory=list)
    _seen: dict[str, int] = field(default_factory=dict)

    def add(self, line: int, record: OrderRecord) -> None:
        """Keep the first order with a number; a later one in the same file is a mistake to report."""
        first = self._seen.setdefault(record.number, line)
        if first != line:
            message = f"order {record.number} appears again (first at line {first})"
            self.problems.append(Problem(line, message))
            return
        self.orders.append((line, record))
