"""The WooCommerce adapter against a local server speaking the ``wc/v3`` REST API and the Shipment
Tracking extension's endpoint."""

from __future__ import annotations

import base64
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from babeldesk.commerce.models import Address, OrderStatus, RefundState, ReturnReason, TrackingState
from babeldesk.commerce.store import NotAllowed, OrderNotFound, StoreRateLimited, StoreUnavailable
from babeldesk.commerce.woocommerce import WooCommerceStore
from tests.commerce.fake_http import Reply
from tests.commerce.fake_shops import FakeWooCommerce, woo_order
from tests.language.fake_providers import closed_port_url, running

TRACKING_META = {
    "id": 9,
    "key": "_wc_shipment_tracking_items",
    "value": [
        {
            "tracking_provider": "USPS",
            "custom_tracking_provider": "",
            "tracking_number": "9400111",
            "custom_tracking_link": "",
            "date_shipped": "1749081600",
            "tracking_id": "abc",
        }
    ],
}
NEW_ADDRESS = Address("Mia Wong", "500 Howard St", "San Francisco", "94105", "US", region="CA")


@pytest.fixture
def woo() -> Iterator[FakeWooCommerce]:
    with running(FakeWooCommerce()) as fake:
        fake.orders = {
            1001: woo_order(1001),
            1002: woo_order(
                1002, "completed", date_created_gmt="2025-05-01T10:00:00", meta_data=[TRACKING_META]
            ),
            1003: woo_order(
                1003,
                "completed",
                date_created_gmt="2025-05-15T10:00:00",
                refunds=[{"id": 77, "reason": "broken", "total": "-15.00"}],
            ),
            77: woo_order(77, number="5001", billing={"email": "leo@example.com", "phone": ""}),
        }
        fake.refunds[1003] = [
            {"id": 77, "date_created_gmt": "2025-05-20T09:00:00", "amount": "15.00", "reason": "broken"}
        ]
        fake.trackings[1003] = [
            {
                "tracking_id": "x",
                "tracking_provider": "UPS",
                "tracking_number": "1Z9",
                "tracking_link": "https://ups.example/1Z9",
                "date_shipped": "2025-05-16",
            }
        ]
        yield fake


@pytest.fixture
async def store(woo: FakeWooCommerce) -> AsyncIterator[WooCommerceStore]:
    adapter = WooCommerceStore(woo.url, "ck_test", "cs_test", timeout_s=1)
    yield adapter
    await adapter.aclose()


async def test_an_order_is_read_by_id_with_basic_auth(store: WooCommerceStore, woo: FakeWooCommerce) -> None:
    order = await store.find_order("#1001")
    assert order is not None
    (request,) = woo.requests[:1]
    assert (request.method, request.path) == ("GET", "/wp-json/wc/v3/orders/1001")
    assert request.headers["authorization"] == "Basic " + base64.b64encode(b"ck_test:cs_test").decode()
    assert (order.number, order.status, order.total, order.currency) == (
        "1001",
        OrderStatus.PAID,
        Decimal("45.00"),
        "USD",
    )
    assert (order.email, order.phone) == ("mia@example.com", "(415) 555-0134")
    assert order.placed_at == datetime(2025, 6, 1, 10, 0, tzinfo=UTC)
    assert order.shipping_address == Address(
        "Mia Wong", "1 Market St", "San Francisco", "94105", "US", line2="Apt 5", region="CA"
    )
    assert [(i.sku, i.title, i.quantity, i.unit_price) for i in order.items] == [
        ("MUG", "Mug", 3, Decimal(15))
    ]
    assert order.shipments == () and order.refund.state is RefundState.NONE
    assert await store.find_order("999") is None


async def test_parcels_come_from_shipment_tracking_meta_or_its_endpoint(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    from_meta = await store.find_order("1002")
    assert from_meta is not None and from_meta.status is OrderStatus.SHIPPED
    (parcel,) = from_meta.shipments
    assert (parcel.carrier, parcel.tracking_number, parcel.state) == (
        "USPS",
        "9400111",
        TrackingState.LABEL_CREATED,
    )
    assert parcel.shipped_at == datetime(2025, 6, 5, tzinfo=UTC)
    assert not any("shipment-trackings" in r.path for r in woo.requests)
    from_endpoint = await store.find_order("1003")
    assert from_endpoint is not None
    (parcel,) = from_endpoint.shipments
    assert (parcel.carrier, parcel.tracking_url, parcel.shipped_at) == (
        "UPS",
        "https://ups.example/1Z9",
        datetime(2025, 5, 16, tzinfo=UTC),
    )
    assert woo.requests[-1].path == "/wp-json/wc-shipment-tracking/v3/orders/1003/shipment-trackings"
    refund = from_endpoint.refund
    assert (refund.state, refund.amount, refund.at) == (
        RefundState.REFUNDED,
        Decimal("15.00"),
        datetime(2025, 5, 20, 9, tzinfo=UTC),
    )


async def test_without_the_tracking_extension_an_order_has_no_parcels(woo: FakeWooCommerce) -> None:
    woo.tracking_extension = False
    adapter = WooCommerceStore(woo.url, "ck_test", "cs_test")
    order = await adapter.find_order("1003")
    assert order is not None and order.shipments == ()
    await adapter.aclose()


async def test_a_number_that_is_not_an_id_is_searched_and_matched_exactly(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    order = await store.find_order("5001")
    assert order is not None and (order.number, order.email) == ("5001", "leo@example.com")
    assert [r.path for r in woo.requests[:2]] == ["/wp-json/wc/v3/orders/5001", "/wp-json/wc/v3/orders"]
    assert woo.requests[1].query == {"search": "5001", "per_page": "50"}
    assert await store.find_order("500") is None  # "5001" contains it; not the same number


async def test_a_customers_orders_are_searched_and_checked_newest_first(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    orders = await store.orders_for_contact(email="Mia@Example.com")
    assert [o.number for o in orders] == ["1001", "1003", "1002"]
    assert [o.number for o in await store.orders_for_contact(phone="+1 415 555 0134")] == [
        "1001",
        "1003",
        "1002",
    ]
    assert [r.query["search"] for r in woo.requests[-2:]] == ["+1 415 555 0134", "0134"]
    assert await store.orders_for_contact(email="mia@example") == []


async def test_an_unknown_status_is_reported_not_guessed(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    woo.orders[1001]["status"] = "awaiting-pickup"
    with pytest.raises(StoreUnavailable, match="'awaiting-pickup' is not one Babeldesk knows"):
        await store.find_order("1001")


async def test_cancelling_puts_the_status_and_leaves_a_note(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    cancelled = await store.cancel_order("1001", reason="found it cheaper")
    assert cancelled.status is OrderStatus.CANCELLED
    put = next(r for r in woo.requests if r.method == "PUT")
    assert (put.path, put.body) == ("/wp-json/wc/v3/orders/1001", {"status": "cancelled"})
    assert (
        woo.notes[1001][0]["note"] == "Cancelled at the customer's request (via Babeldesk): found it cheaper"
    )
    with pytest.raises(NotAllowed, match="1001 is cancelled"):
        await store.cancel_order("1001", reason="again")
    with pytest.raises(NotAllowed, match="already shipped"):
        await store.cancel_order("1002", reason="x")
    with pytest.raises(OrderNotFound):
        await store.cancel_order("4242", reason="x")


async def test_a_lost_note_does_not_undo_a_cancellation(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    woo.fail(Reply(500, {"code": "internal_server_error", "message": "Oops"}), path="/notes")
    cancelled = await store.cancel_order("1001", reason="x")
    assert cancelled.status is OrderStatus.CANCELLED and woo.orders[1001]["status"] == "cancelled"


async def test_the_address_is_put_in_woocommerces_shape(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    changed = await store.change_shipping_address("1001", NEW_ADDRESS)
    put = next(r for r in woo.requests if r.method == "PUT")
    assert put.body == {
        "shipping": {
            "first_name": "Mia",
            "last_name": "Wong",
            "address_1": "500 Howard St",
            "address_2": "",
            "city": "San Francisco",
            "state": "CA",
            "postcode": "94105",
            "country": "US",
            "phone": "",
        }
    }
    assert changed.shipping_address == NEW_ADDRESS
    woo.fail(
        Reply(400, {"code": "rest_invalid_param", "message": "Invalid parameter(s): shipping"}), method="PUT"
    )
    with pytest.raises(NotAllowed, match="Invalid parameter"):
        await store.change_shipping_address("1001", NEW_ADDRESS)


async def test_a_return_is_an_order_note_on_a_completed_order(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    created = await store.create_return(
        "1002", reason=ReturnReason.DEFECTIVE, skus=[], resolution="replacement", note="handle broke"
    )
    assert (created.reference, created.skus) == ("R1002-700", ("MUG",))
    assert woo.notes[1002][0]["note"] == (
        "Return requested via Babeldesk (damaged, faulty or wrong), wants a replacement: MUG. handle broke"
    )
    with pytest.raises(NotAllowed, match="processing in WooCommerce"):
        await store.create_return(
            "1001", reason=ReturnReason.DEFECTIVE, skus=[], resolution="refund", note=""
        )


async def test_every_failure_on_the_wire_is_store_unavailable(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    failures = [
        (Reply(429, {"code": "too_many_requests"}, {"Retry-After": "3"}), "wait 3 s"),
        (Reply(502, b"Bad gateway"), "HTTP 502"),
        (Reply(200, b"<html>WordPress maintenance</html>"), "not JSON"),
        (Reply(200, {"id": 1001, "number": "1001", "status": "processing"}), "cannot read"),
    ]
    for reply, message in failures:
        woo.fail(reply)
        with pytest.raises(StoreUnavailable, match=message):
            await store.find_order("1001")
    woo.fail(Reply(429, {}, {"Retry-After": "3"}))
    with pytest.raises(StoreRateLimited):
        await store.orders_for_contact(email="mia@example.com")
    wrong = WooCommerceStore(woo.url, "ck_test", "cs_wrong")
    with pytest.raises(StoreUnavailable, match="refused our credentials"):
        await wrong.find_order("1001")
    await wrong.aclose()
    nowhere = WooCommerceStore(closed_port_url(), "ck_test", "cs_test")
    with pytest.raises(StoreUnavailable, match="unreachable"):
        await nowhere.find_order("1001")
    await nowhere.aclose()


async def test_a_wrong_site_url_is_unavailable_not_no_such_order(woo: FakeWooCommerce) -> None:
    adapter = WooCommerceStore(woo.url + "/shop", "ck_test", "cs_test")
    with pytest.raises(StoreUnavailable, match="HTTP 404"):
        await adapter.find_order("1001")
    await adapter.aclose()


async def test_keys_never_travel_over_plain_http_to_another_machine() -> None:
    with pytest.raises(ValueError, match="https"):
        WooCommerceStore("http://shop.example.com", "ck", "cs")


async def test_a_site_that_never_answers_gives_up_at_the_time_limit(
    store: WooCommerceStore, woo: FakeWooCommerce
) -> None:
    woo.fail(Reply(200, hang=True))
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="did not answer within 1 s"):
        await store.find_order("1001")
    assert time.monotonic() - started < 3
