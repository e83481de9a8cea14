"""The Shopify adapter against a local server speaking the REST (and, for returns, GraphQL) Admin API."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from babeldesk.commerce.models import Address, OrderStatus, RefundState, ReturnReason, TrackingState
from babeldesk.commerce.shopify import ShopifyStore
from babeldesk.commerce.shopify_map import read_order
from babeldesk.commerce.store import NotAllowed, OrderNotFound, StoreRateLimited, StoreUnavailable
from tests.commerce.fake_http import Reply
from tests.commerce.fake_shops import FakeShopify, shopify_fulfillment, shopify_order
from tests.language.fake_providers import closed_port_url, running

UNSHIPPED = shopify_order(11, "#1001")
LOOKALIKE = shopify_order(
    12,
    "#10010",
    email="ben@example.com",
    phone="+4915112345678",
    customer={"id": 2, "email": "ben@example.com"},
)
LOOKALIKE["shipping_address"] = {**LOOKALIKE["shipping_address"], "phone": "+4915112345678"}
DELIVERED = shopify_order(13, "#1002", processed_at="2025-05-20T08:00:00Z")
DELIVERED["fulfillments"] = [shopify_fulfillment(501, DELIVERED, "delivered")]
IN_TRANSIT = shopify_order(14, "#1003", processed_at="2025-06-02T08:00:00Z", fulfillment_status="fulfilled")
IN_TRANSIT["fulfillments"] = [shopify_fulfillment(502, IN_TRANSIT, "in_transit")]
EVENTS = {
    501: [
        {
            "id": 1,
            "status": "in_transit",
            "message": "Departed",
            "happened_at": "2025-06-03T08:00:00Z",
            "city": "Leipzig",
            "country": "DE",
        },
        {
            "id": 2,
            "status": "delivered",
            "message": "",
            "happened_at": "2025-06-05T15:30:00+02:00",
            "city": "Madrid",
            "country": "ES",
        },
    ],
    502: [
        {
            "id": 3,
            "status": "in_transit",
            "message": "On its way",
            "happened_at": "2025-06-03T08:00:00Z",
            "estimated_delivery_at": "2025-06-07T18:00:00Z",
            "city": None,
            "country": None,
        },
    ],
}
NEW_ADDRESS = Address(
    "Ana María García", "Gran Vía 2", "Madrid", "28013", "ES", region="M", phone="+34600000000"
)


@pytest.fixture
def shopify() -> Iterator[FakeShopify]:
    with running(FakeShopify()) as fake:
        fake.add(*(dict(o) for o in (UNSHIPPED, LOOKALIKE, DELIVERED, IN_TRANSIT)))
        fake.events = {key: list(value) for key, value in EVENTS.items()}
        yield fake


@pytest.fixture
async def store(shopify: FakeShopify) -> AsyncIterator[ShopifyStore]:
    adapter = ShopifyStore(shopify.url, "shpat_test", timeout_s=1)
    yield adapter
    await adapter.aclose()


async def test_an_order_is_found_by_its_exact_name_with_the_documented_request(
    store: ShopifyStore, shopify: FakeShopify
) -> None:
    order = await store.find_order("#1001")
    assert order is not None and order.number == "1001"  # not #10010, which Shopify's filter also gives
    request = shopify.requests[0]
    assert (request.method, request.path) == ("GET", "/admin/api/2025-01/orders.json")
    assert request.query == {"name": "1001", "status": "any"}
    assert request.headers["x-shopify-access-token"] == "shpat_test"
    assert (order.status, order.email, order.total, order.currency) == (
        OrderStatus.PAID,
        "ana@example.com",
        Decimal("59.90"),
        "EUR",
    )
    assert order.placed_at == datetime(2025, 6, 1, 14, 0, tzinfo=UTC)
    assert [(i.sku, i.title, i.quantity, i.unit_price) for i in order.items] == [
        ("TEE-M", "T-shirt - M", 2, Decimal("19.95")),
        ("CAP", "Cap", 1, Decimal("20.00")),
    ]
    assert order.shipping_address == Address(
        "Ana García", "Calle Mayor 1", "Madrid", "28013", "ES", region="M", phone="+34612345678"
    )
    assert await store.find_order("999") is None


async def test_parcels_carry_shopifys_fulfillment_events(store: ShopifyStore) -> None:
    delivered = await store.find_order("1002")
    assert delivered is not None and delivered.status is OrderStatus.DELIVERED
    (parcel,) = delivered.shipments
    assert (parcel.carrier, parcel.tracking_number, parcel.state) == ("DHL", "JD501", TrackingState.DELIVERED)
    assert [(e.state, e.description, e.location) for e in parcel.events] == [
        (TrackingState.IN_TRANSIT, "Departed", "Leipzig, DE"),
        (TrackingState.DELIVERED, "delivered", "Madrid, ES"),
    ]
    assert parcel.delivered_at == delivered.delivered_at == datetime(2025, 6, 5, 13, 30, tzinfo=UTC)
    moving = await store.find_order("1003")
    assert moving is not None and moving.status is OrderStatus.SHIPPED and moving.delivered_at is None
    assert moving.shipments[0].estimated_delivery == datetime(2025, 6, 7, 18, 0, tzinfo=UTC)


def test_shopify_states_become_ours_without_guessing() -> None:
    cases = [
        ({"cancelled_at": "2025-06-02T00:00:00Z"}, OrderStatus.CANCELLED),
        ({"financial_status": "refunded"}, OrderStatus.REFUNDED),
        ({"financial_status": "pending"}, OrderStatus.PENDING),
        ({"financial_status": "authorized"}, OrderStatus.PAID),
        ({"fulfillment_status": "partial"}, OrderStatus.SHIPPED),
    ]
    for fields, status in cases:
        assert read_order(shopify_order(1, "#1", **fields)).status is status, fields
    order = shopify_order(1, "#1")
    order["fulfillments"] = [
        shopify_fulfillment(7, order, None),
        shopify_fulfillment(8, order, "failure", status="cancelled"),
    ]
    (parcel,) = read_order(order).shipments  # the cancelled fulfillment is no parcel
    assert parcel.state is TrackingState.LABEL_CREATED and parcel.events == ()
    refunded = shopify_order(
        1,
        "#1",
        financial_status="partially_refunded",
        refunds=[
            {
                "created_at": "2025-06-04T10:00:00Z",
                "transactions": [{"kind": "refund", "status": "success", "amount": "5.00"}],
            },
            {
                "created_at": "2025-06-05T10:00:00Z",
                "transactions": [{"kind": "refund", "status": "pending", "amount": "9.00"}],
            },
        ],
    )
    refund = read_order(refunded).refund
    assert (refund.state, refund.amount, refund.at) == (
        RefundState.REFUNDED,
        Decimal("5.00"),
        datetime(2025, 6, 5, 10, tzinfo=UTC),
    )


async def test_a_customers_orders_come_from_the_customer_search_newest_first(
    store: ShopifyStore, shopify: FakeShopify
) -> None:
    orders = await store.orders_for_contact(email="ANA@example.com")
    assert [o.number for o in orders] == ["1003", "1001", "1002"]
    assert shopify.requests[0].query == {"query": "email:ANA@example.com", "fields": "id"}
    assert shopify.requests[1].path == "/admin/api/2025-01/customers/1/orders.json"
    # Shopify's search wants the number as stored (E.164); we send what the customer gave.
    assert await store.orders_for_contact(phone="612 345 678") == []
    by_phone = await store.orders_for_contact(phone="+34 612 345 678")
    searched = [r.query["query"] for r in shopify.requests if r.path.endswith("customers/search.json")]
    assert searched[-1] == "phone:+34612345678"
    assert [o.number for o in by_phone] == ["1003", "1001", "1002"]
    assert await store.orders_for_contact(email="nobody@example.com") == []


async def test_cancelling_posts_the_documented_call_only_for_unshipped_orders(
    store: ShopifyStore, shopify: FakeShopify
) -> None:
    cancelled = await store.cancel_order("1001", reason="ordered twice")
    assert cancelled.status is OrderStatus.CANCELLED
    post = shopify.requests[-1]
    assert (post.method, post.path, post.body) == (
        "POST",
        "/admin/api/2025-01/orders/11/cancel.json",
        {"reason": "customer"},
    )
    sent = len(shopify.requests)
    with pytest.raises(NotAllowed, match="already shipped"):
        await store.cancel_order("1003", reason="too slow")
    assert all(r.method == "GET" for r in shopify.requests[sent:])
    with pytest.raises(OrderNotFound):
        await store.cancel_order("4242", reason="x")


async def test_shopify_refusing_a_change_is_not_allowed_with_its_reason(
    store: ShopifyStore, shopify: FakeShopify
) -> None:
    shopify.fail(Reply(422, {"error": "Cannot cancel an order that has been fulfilled"}), method="POST")
    with pytest.raises(NotAllowed, match="Cannot cancel an order that has been fulfilled"):
        await store.cancel_order("1001", reason="x")
    shopify.fail(Reply(422, {"errors": {"zip": ["is invalid"]}}), method="PUT")
    with pytest.raises(NotAllowed, match="zip is invalid"):
        await store.change_shipping_address("1001", NEW_ADDRESS)


async def test_the_address_is_put_in_shopifys_shape(store: ShopifyStore, shopify: FakeShopify) -> None:
    changed = await store.change_shipping_address("1001", NEW_ADDRESS)
    put = shopify.requests[-1]
    assert (put.method, put.path) == ("PUT", "/admin/api/2025-01/orders/11.json")
    assert put.body == {
        "order": {
            "id": 11,
            "shipping_address": {
                "first_name": "Ana",
                "last_name": "María García",
                "address1": "Gran Vía 2",
                "address2": "",
                "city": "Madrid",
                "province": "M",
                "zip": "28013",
                "country_code": "ES",
                "phone": "+34600000000",
            },
        }
    }
    assert changed.shipping_address is not None and changed.shipping_address.name == "Ana María García"
    with pytest.raises(NotAllowed):
        await store.change_shipping_address("1002", NEW_ADDRESS)


async def test_a_return_is_requested_through_graphql_for_delivered_items(
    store: ShopifyStore, shopify: FakeShopify
) -> None:
    created = await store.create_return(
        "1002", reason=ReturnReason.CHANGED_MIND, skus=["CAP"], resolution="refund", note="too small"
    )
    assert (created.reference, created.skus, created.resolution) == ("#1002-R1", ("CAP",), "refund")
    (request,) = shopify.returns
    assert request == {
        "orderId": "gid://shopify/Order/13",
        "returnLineItems": [
            {
                "fulfillmentLineItemId": "gid://shopify/FulfillmentLineItem/132",
                "quantity": 1,
                "returnReason": "UNWANTED",
                "customerNote": "refund: too small",
            }
        ],
    }
    with pytest.raises(NotAllowed, match=r"not returnable in Shopify.*CAP"):
        await store.create_return(
            "1002", reason=ReturnReason.DEFECTIVE, skus=["CAP"], resolution="refund", note=""
        )
    with pytest.raises(NotAllowed, match="only delivered orders"):
        await store.create_return(
            "1003", reason=ReturnReason.DEFECTIVE, skus=[], resolution="refund", note=""
        )
    with pytest.raises(NotAllowed, match="no item SOCKS"):
        await store.create_return(
            "1002", reason=ReturnReason.DEFECTIVE, skus=["SOCKS"], resolution="refund", note=""
        )


async def test_graphql_errors_are_told_apart(store: ShopifyStore, shopify: FakeShopify) -> None:
    throttled = {"errors": [{"message": "Throttled", "extensions": {"code": "THROTTLED"}}]}
    shopify.fail(Reply(200, throttled), path="graphql")
    with pytest.raises(StoreRateLimited, match="THROTTLED"):
        await store.create_return(
            "1002", reason=ReturnReason.DEFECTIVE, skus=[], resolution="refund", note=""
        )
    refused = {
        "data": {
            "returnRequest": {
                "return": None,
                "userErrors": [{"field": ["x"], "message": "Return window over"}],
            }
        }
    }
    shopify.fail(Reply(200, refused), path="graphql", body_has="returnRequest(")
    with pytest.raises(NotAllowed, match="Return window over"):
        await store.create_return(
            "1002", reason=ReturnReason.DEFECTIVE, skus=["TEE-M"], resolution="refund", note=""
        )


async def test_every_failure_on_the_wire_is_store_unavailable(
    store: ShopifyStore, shopify: FakeShopify
) -> None:
    failures = [
        (
            Reply(429, {"errors": "Exceeded 2 calls per second for api client."}, {"Retry-After": "2.0"}),
            "wait 2 s",
        ),
        (Reply(500, {"errors": "Internal Server Error"}), "HTTP 500"),
        (Reply(503, b"<html>maintenance</html>"), "HTTP 503"),
        (Reply(200, b"{not json"), "not JSON"),
        (Reply(200, {"orders": [{"id": 1, "name": "#1001"}]}), "cannot read"),
        (Reply(200, {"order": []}), "cannot read"),
    ]
    for reply, message in failures:
        shopify.fail(reply)
        with pytest.raises(StoreUnavailable, match=message):
            await store.find_order("1001")
    shopify.fail(Reply(429, {"errors": "Throttled"}, {"Retry-After": "1.5"}))
    with pytest.raises(StoreRateLimited) as limited:
        await store.orders_for_contact(email="ana@example.com")
    assert limited.value.retry_after == 1.5


async def test_bad_credentials_a_wrong_version_and_no_server_are_unavailable(shopify: FakeShopify) -> None:
    for adapter, message in [
        (ShopifyStore(shopify.url, "wrong-token"), "refused our credentials"),
        (ShopifyStore(shopify.url, "shpat_test", api_version="2019-04"), "HTTP 404"),
        (ShopifyStore(closed_port_url(), "shpat_test"), "unreachable"),
    ]:
        with pytest.raises(StoreUnavailable, match=message):
            await adapter.find_order("1001")
        await adapter.aclose()
    with pytest.raises(ValueError, match="https"):
        ShopifyStore("http://shop.example.com", "shpat_test")


async def test_a_shop_that_never_answers_gives_up_at_the_time_limit(
    store: ShopifyStore, shopify: FakeShopify
) -> None:
    shopify.fail(Reply(200, hang=True))
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="did not answer within 1 s"):
        await store.find_order("1001")
    assert 0.9 < time.monotonic() - started < 3
