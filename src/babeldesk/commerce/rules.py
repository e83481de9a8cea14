"""The rules every store applies before changing an order, whatever holds it."""

from __future__ import annotations

from collections.abc import Sequence

from babeldesk.commerce.models import Order, OrderStatus
from babeldesk.commerce.store import NotAllowed

RESOLUTIONS = ("refund", "replacement")


def check_not_shipped(order: Order, change: str) -> None:
    """Cancelling and re-addressing need an order no carrier has yet, neither cancelled nor refunded."""
    if order.has_shipped:
        raise NotAllowed(f"order {order.number} has already shipped; it can no longer be {change}")
    if order.status not in (OrderStatus.PENDING, OrderStatus.PAID):
        raise NotAllowed(f"order {order.number} is {order.status.value}; it can no longer be {change}")


def check_return(order: Order, skus: Sequence[str], resolution: str) -> tuple[str, ...]:
    """The SKUs to return (every item when ``skus`` is empty), each one in the order. Whether the order
    counts as delivered, and the return window, are for the caller (store and policy) to judge."""
    if resolution not in RESOLUTIONS:
        raise NotAllowed(f"a return ends in a refund or a replacement, not {resolution!r}")
    in_order = [item.sku for item in order.items]
    wanted = tuple(dict.fromkeys(skus or in_order))
    for sku in wanted:
        if sku not in in_order:
            raise NotAllowed(f"order {order.number} has no item {sku}")
    return wanted
