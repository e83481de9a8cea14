"""The demo shop's orders tell their story relative to the moment they are loaded."""

from __future__ import annotations

from datetime import timedelta

from babeldesk.commerce.models import OrderStatus, RefundState, TrackingState
from tests.commerce.conftest import NOW, Shop


async def test_the_demo_orders_are_the_six_stories_dated_from_now(shop: Shop) -> None:
    orders = {n: await shop.store.find_order(n) for n in ("1001", "1002", "1003", "1004", "1005", "1006")}
    first, recent, waiting, old, refunding, lost = orders.values()
    assert first is not None and first.email == "ana@example.com" and first.status is OrderStatus.SHIPPED
    assert first.shipments[0].state is TrackingState.IN_TRANSIT and len(first.items) == 2
    assert TrackingState.CUSTOMS in {e.state for e in first.shipments[0].events}
    assert recent is not None and recent.status is OrderStatus.DELIVERED
    assert recent.delivered_at == NOW - timedelta(days=5)
    assert waiting is not None and waiting.status is OrderStatus.PAID and not waiting.has_shipped
    assert old is not None and old.delivered_at == NOW - timedelta(days=60)
    assert refunding is not None and refunding.refund.state is RefundState.PROCESSING
    assert lost is not None and lost.shipments[0].state is TrackingState.EXCEPTION
    assert "lost" in lost.shipments[0].events[-1].description
