"""The AfterShip carrier against a local server speaking the Tracking API."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest

from babeldesk.commerce.aftership import AfterShipCarrier
from babeldesk.commerce.models import TrackingState
from babeldesk.commerce.store import StoreRateLimited, StoreUnavailable
from tests.commerce.fake_http import Reply
from tests.commerce.fake_shops import FakeAfterShip, checkpoint
from tests.language.fake_providers import running

PARCEL = {
    "id": "t1",
    "tracking_number": "JD0146",
    "slug": "dhl",
    "tag": "InTransit",
    "checkpoints": [
        checkpoint(
            "2025-06-03T09:00:00+08:00", "InTransit", "InTransit_007", "Departed facility", "Shenzhen"
        ),
        checkpoint(
            "2025-06-01T10:00:00+08:00", "InfoReceived", "InfoReceived_001", "Shipment information received"
        ),
        checkpoint("2025-06-02T00:00:00Z", "Pending", "Pending_001", "Pending"),
        checkpoint(
            "2025-06-05T08:00:00+02:00", "InTransit", "InTransit_006", "Customs clearance started", "Madrid"
        ),
        checkpoint(
            "2025-06-06T08:00:00+02:00", "Exception", "Exception_004", "Held by customs: duties unpaid"
        ),
        checkpoint("2025-06-07T08:00:00+02:00", "InTransit", "InTransit_005", "Released by customs"),
        checkpoint("2025-06-08T07:00:00+02:00", "OutForDelivery", "OutForDelivery_001", "With courier"),
        checkpoint("2025-06-08T11:00:00+02:00", "AttemptFail", "AttemptFail_002", "Recipient not at home"),
        checkpoint("2025-06-09T12:00:00+02:00", "Delivered", "Delivered_001", ""),
    ],
}


@pytest.fixture
def aftership() -> Iterator[FakeAfterShip]:
    with running(FakeAfterShip()) as fake:
        fake.trackings = [
            PARCEL,
            {
                "id": "t2",
                "tracking_number": "SAME1",
                "slug": "ups",
                "tag": "InTransit",
                "checkpoints": [checkpoint("2025-06-01T10:00:00Z", "InTransit", "InTransit_001", "UPS scan")],
            },
            {
                "id": "t3",
                "tracking_number": "SAME1",
                "slug": "royal-mail",
                "tag": "InTransit",
                "checkpoints": [
                    checkpoint("2025-06-01T10:00:00Z", "InTransit", "InTransit_001", "Royal Mail scan")
                ],
            },
        ]
        yield fake


@pytest.fixture
async def carrier(aftership: FakeAfterShip) -> AsyncIterator[AfterShipCarrier]:
    adapter = AfterShipCarrier("as_test", url=aftership.url, timeout_s=1)
    yield adapter
    await adapter.aclose()


async def test_checkpoints_become_our_events_oldest_first(
    carrier: AfterShipCarrier, aftership: FakeAfterShip
) -> None:
    events = await carrier.track(" JD0146 ")
    request = aftership.requests[-1]
    assert (request.method, request.path, request.query) == (
        "GET",
        "/tracking/2025-07/trackings",
        {"tracking_numbers": "JD0146"},
    )
    assert request.headers["as-api-key"] == "as_test"
    assert [e.state for e in events] == [
        TrackingState.LABEL_CREATED,
        TrackingState.IN_TRANSIT,
        TrackingState.CUSTOMS,
        TrackingState.CUSTOMS,
        TrackingState.CUSTOMS,
        TrackingState.OUT_FOR_DELIVERY,
        TrackingState.EXCEPTION,
        TrackingState.DELIVERED,
    ]
    assert events[1].at == datetime(2025, 6, 3, 1, 0, tzinfo=UTC) and events[1].location == "Shenzhen"
    assert events[3].description == "Held by customs: duties unpaid"
    assert events[-1].description == "Delivered_001"  # no carrier text: AfterShip's own words


async def test_the_shops_carrier_picks_between_parcels_sharing_a_number(carrier: AfterShipCarrier) -> None:
    assert [e.description for e in await carrier.track("SAME1", carrier="Royal Mail")] == ["Royal Mail scan"]
    assert [e.description for e in await carrier.track("SAME1", carrier="UPS")] == ["UPS scan"]
    assert [e.description for e in await carrier.track("SAME1")] == ["UPS scan"]


async def test_a_number_aftership_does_not_know_has_no_events(
    carrier: AfterShipCarrier, aftership: FakeAfterShip
) -> None:
    assert await carrier.track("NOPE") == []
    assert await carrier.track("   ") == []
    aftership.fail(
        Reply(404, {"meta": {"code": 4004, "message": "Tracking does not exist.", "type": "NotFound"}})
    )
    assert await carrier.track("JD0146") == []


async def test_failures_are_unavailable_and_the_rate_limit_says_when_to_retry(
    carrier: AfterShipCarrier, aftership: FakeAfterShip
) -> None:
    reset = int(time.time()) + 30
    limited = {
        "meta": {
            "code": 429,
            "message": "You have exceeded the API call rate limit.",
            "type": "TooManyRequests",
        }
    }
    aftership.fail(Reply(429, limited, {"as-rate-limit-reset": str(reset), "as-rate-limit-limit": "10"}))
    with pytest.raises(StoreRateLimited) as caught:
        await carrier.track("JD0146")
    assert caught.value.retry_after is not None and 25 < caught.value.retry_after <= 30
    for reply, message in [
        (Reply(500, {"meta": {"code": 500, "message": "Something went wrong"}}), "HTTP 500"),
        (Reply(200, {"meta": {"code": 200}, "data": {}}), "cannot read"),
        (
            Reply(
                200,
                {
                    "data": {
                        "trackings": [{"tracking_number": "JD0146", "checkpoints": [{"tag": "InTransit"}]}]
                    }
                },
            ),
            "cannot read",
        ),
        (Reply(200, hang=True), "did not answer within 1 s"),
    ]:
        aftership.fail(reply)
        with pytest.raises(StoreUnavailable, match=message):
            await carrier.track("JD0146")
    wrong = AfterShipCarrier("wrong", url=aftership.url)
    with pytest.raises(StoreUnavailable, match="refused our credentials"):
        await wrong.track("JD0146")
    await wrong.aclose()
