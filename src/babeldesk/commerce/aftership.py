"""AfterShip's Tracking API as a ``Carrier``: ``GET /tracking/{version}/trackings?tracking_numbers=``
with the ``as-api-key`` header; each checkpoint's tag (and customs subtags) becomes our state.

AfterShip knows a parcel once the shop (or its Shopify or WooCommerce app) registered it; until then
the answer is an empty list, as for any carrier that has not seen the number yet.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import httpx

from babeldesk.commerce.http import DEFAULT_TIMEOUT_S, RemoteApi, check_secure_url
from babeldesk.commerce.models import TrackingEvent, TrackingState
from babeldesk.commerce.wire import readable, required_when, text
from babeldesk.remote import retry_after_seconds

DEFAULT_URL = "https://api.aftership.com"
DEFAULT_API_VERSION = "2025-07"
NAME = "AfterShip"

TAGS = {
    "InfoReceived": TrackingState.LABEL_CREATED,
    "InTransit": TrackingState.IN_TRANSIT,
    "OutForDelivery": TrackingState.OUT_FOR_DELIVERY,
    "AvailableForPickup": TrackingState.OUT_FOR_DELIVERY,
    "AttemptFail": TrackingState.EXCEPTION,
    "Exception": TrackingState.EXCEPTION,
    "Delivered": TrackingState.DELIVERED,
}
# Customs clearance completed, customs clearance started, delayed in customs clearance.
CUSTOMS_SUBTAGS = {"InTransit_005", "InTransit_006", "Exception_004"}


def rate_limit_wait(response: httpx.Response) -> float | None:
    """AfterShip says when its window resets (``as-rate-limit-reset``, Unix seconds)."""
    reset = response.headers.get("as-rate-limit-reset", "")
    if reset.strip().isdigit():
        return max(0.0, int(reset) - time.time())
    return retry_after_seconds(response)


class AfterShipCarrier:
    def __init__(
        self,
        api_key: str,
        *,
        url: str = DEFAULT_URL,
        api_version: str = DEFAULT_API_VERSION,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.api = RemoteApi(
            NAME,
            f"{check_secure_url(url).rstrip('/')}/tracking/{api_version}",
            headers={"as-api-key": api_key},
            timeout_s=timeout_s,
            client=client,
            wait_hint=rate_limit_wait,
        )

    async def aclose(self) -> None:
        await self.api.aclose()

    async def track(self, tracking_number: str, *, carrier: str = "") -> Sequence[TrackingEvent]:
        number = tracking_number.strip()
        if not number:
            return []
        reply = await self.api.call("GET", "trackings", params={"tracking_numbers": number})
        if reply.status == 404:  # meta.code 4004: AfterShip has no such tracking
            return []
        if reply.status != 200:
            raise self.api.unexpected(reply, "a tracking request")
        with readable(NAME, "a tracking"):
            tracking = _choose(reply.body["data"]["trackings"], number, carrier)
            if tracking is None:
                return []
            events = [read_checkpoint(c) for c in tracking.get("checkpoints") or [] if c.get("tag") in TAGS]
        return sorted(events, key=lambda event: event.at)


def _choose(trackings: list[dict[str, Any]], number: str, carrier: str) -> dict[str, Any] | None:
    """One number can be two parcels with two couriers; the shop's carrier name picks, if it can."""
    same = [t for t in trackings if text(t.get("tracking_number")).upper() == number.upper()]
    slug = carrier.strip().lower().replace(" ", "-")
    return next((t for t in same if t.get("slug") == slug), same[0] if same else None)


def read_checkpoint(raw: dict[str, Any]) -> TrackingEvent:
    """Pending and Expired checkpoints say nothing about where the parcel is; callers skip them."""
    state = TrackingState.CUSTOMS if raw.get("subtag") in CUSTOMS_SUBTAGS else TAGS[raw["tag"]]
    country = text(raw.get("country_region_name")) or text(raw.get("country_name"))
    place = text(raw.get("location")) or ", ".join(
        part for part in (text(raw.get("city")), text(raw.get("state")), country) if part
    )
    return TrackingEvent(
        at=required_when(raw["checkpoint_time"]),
        state=state,
        description=text(raw.get("message")) or text(raw.get("subtag_message")) or text(raw["tag"]),
        location=place,
    )
