"""The interfaces the bot talks to: a `Store` for orders and a `Carrier` for tracking.

Adapters (the built-in store over our PostgreSQL, Shopify, WooCommerce; the built-in carrier and a
tracking API) implement these and raise only the errors below, so the bot never sees an HTTP detail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from babeldesk.commerce.models import Address, Order, ReturnReason, ReturnRequest, TrackingEvent


class CommerceError(Exception):
    """Base of what a store or carrier may raise."""


class StoreUnavailable(CommerceError):
    """The store or carrier did not answer (down, slow, rate-limited, bad credentials)."""


class StoreRateLimited(StoreUnavailable):
    """The store or carrier asked us to slow down; ``retry_after`` seconds when it said."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class OrderNotFound(CommerceError):
    pass


class NotAllowed(CommerceError):
    """The change is against the store's state (e.g. cancelling a shipped order)."""


class Store(Protocol):
    async def find_order(self, number: str) -> Order | None:
        """The order with the number the customer sees ("1001", "#1001" and "1001" alike)."""
        ...

    async def orders_for_contact(self, *, email: str = "", phone: str = "") -> Sequence[Order]:
        """A customer's orders, newest first."""
        ...

    async def cancel_order(self, number: str, *, reason: str) -> Order:
        """Cancel an order that has not shipped; `NotAllowed` otherwise."""
        ...

    async def change_shipping_address(self, number: str, address: Address) -> Order:
        """Replace the shipping address of an order that has not shipped; `NotAllowed` otherwise."""
        ...

    async def create_return(
        self, number: str, *, reason: ReturnReason, skus: Sequence[str], resolution: str, note: str
    ) -> ReturnRequest:
        """Open a return (RMA) for some items of a delivered order."""
        ...


class Carrier(Protocol):
    async def track(self, tracking_number: str, *, carrier: str = "") -> Sequence[TrackingEvent]:
        """Tracking events, oldest first; empty when the carrier does not know the number yet."""
        ...
