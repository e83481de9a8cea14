"""WooCommerce, through its REST API (``/wp-json/wc/v3``) with a consumer key and secret over HTTPS.

An order is read by id when the number is one (most shops), else found with ``orders?search=``; only
an exact number is kept. Cancel and a new address are ``PUT orders/{id}``; refunds come from
``orders/{id}/refunds``, parcels from the Shipment Tracking extension (order meta, or its own
endpoint). WooCommerce has no returns of its own: a return is an order note the shop's staff acts on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import httpx

from babeldesk.commerce.contact import MIN_PHONE_DIGITS, contact_matches, normalize_number, phone_digits
from babeldesk.commerce.http import DEFAULT_TIMEOUT_S, RemoteApi, check_secure_url
from babeldesk.commerce.models import Address, Order, ReturnReason, ReturnRequest
from babeldesk.commerce.rules import check_not_shipped, check_return
from babeldesk.commerce.store import NotAllowed, OrderNotFound, StoreUnavailable
from babeldesk.commerce.wire import readable
from babeldesk.commerce.woocommerce_map import RETURNABLE, Json, read_order, tracking_meta, write_address

log = logging.getLogger(__name__)
NAME = "WooCommerce"
MAX_ORDERS = 50


class WooCommerceStore:
    def __init__(
        self,
        site_url: str,
        consumer_key: str,
        consumer_secret: str,
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.site_url = check_secure_url(site_url).rstrip("/")
        self.api = RemoteApi(
            NAME,
            f"{self.site_url}/wp-json/wc/v3",
            auth=httpx.BasicAuth(consumer_key, consumer_secret),
            timeout_s=timeout_s,
            client=client,
        )

    async def aclose(self) -> None:
        await self.api.aclose()

    async def find_order(self, number: str) -> Order | None:
        raw = await self._find_raw(number)
        return None if raw is None else await self._complete(raw)

    async def orders_for_contact(self, *, email: str = "", phone: str = "") -> Sequence[Order]:
        mine: dict[str, Order] = {}
        for value in (email.strip(), phone.strip()):
            for order in await self._orders_matching(value) if value else []:
                mine[order.number] = order
        return sorted(mine.values(), key=lambda order: order.placed_at, reverse=True)

    async def _orders_matching(self, contact: str) -> list[Order]:
        """WooCommerce searches text as stored: a phone written "(415) 555-0134" is not found as
        "+1 415 555 0134". Its last four digits find it; the exact check then keeps only true matches."""
        terms = [contact]
        if "@" not in contact and len(digits := phone_digits(contact)) >= MIN_PHONE_DIGITS:
            terms.append(digits[-4:])
        for term in terms:
            found = await self._search(term)
            with readable(NAME, "an order"):
                orders = [order for order in map(read_order, found) if contact_matches(order, contact)]
            if orders:
                return orders
        return []

    async def cancel_order(self, number: str, *, reason: str) -> Order:
        raw, order = await self._require(number)
        check_not_shipped(order, "cancelled")
        cancelled = await self._update(raw["id"], {"status": "cancelled"}, "cancelling an order")
        await self._note(raw["id"], f"Cancelled at the customer's request (via Babeldesk): {reason}")
        return cancelled

    async def change_shipping_address(self, number: str, address: Address) -> Order:
        raw, order = await self._require(number)
        check_not_shipped(order, "sent elsewhere")
        return await self._update(raw["id"], {"shipping": write_address(address)}, "changing an address")

    async def create_return(
        self, number: str, *, reason: ReturnReason, skus: Sequence[str], resolution: str, note: str
    ) -> ReturnRequest:
        raw, order = await self._require(number)
        if raw["status"] not in RETURNABLE:
            raise NotAllowed(
                f"order {order.number} is {raw['status']} in WooCommerce; it cannot be returned yet"
            )
        wanted = check_return(order, skus, resolution)
        words = "damaged, faulty or wrong" if reason is ReturnReason.DEFECTIVE else "changed their mind"
        text = f"Return requested via Babeldesk ({words}), wants a {resolution}: {', '.join(wanted)}. {note}"
        reply = await self.api.call("POST", f"orders/{raw['id']}/notes", json={"note": text.strip()})
        if reply.status != 201:
            raise self.api.unexpected(reply, "recording a return")
        with readable(NAME, "an order note"):
            reference = f"R{order.number}-{reply.body['id']}"
        return ReturnRequest(order.number, reason, reference, wanted, resolution)

    async def _find_raw(self, number: str) -> Json | None:
        wanted = normalize_number(number)
        if not wanted:
            return None
        if wanted.isdigit():
            reply = await self.api.call("GET", f"orders/{wanted}")
            if (
                reply.status == 200
                and isinstance(reply.body, dict)
                and str(reply.body.get("number")) == wanted
            ):
                return dict(reply.body)
            if reply.status not in (200, 404):
                raise self.api.unexpected(reply, "reading an order")
        # Sequential-number plugins give orders numbers that are not their ids.
        return next((raw for raw in await self._search(wanted) if str(raw.get("number")) == wanted), None)

    async def _search(self, value: str) -> list[Json]:
        reply = await self.api.call("GET", "orders", params={"search": value, "per_page": str(MAX_ORDERS)})
        if reply.status != 200 or not isinstance(reply.body, list):
            raise self.api.unexpected(reply, "searching orders")
        return list(reply.body)

    async def _require(self, number: str) -> tuple[Json, Order]:
        raw = await self._find_raw(number)
        if raw is None:
            raise OrderNotFound(f"no order {normalize_number(number)} in the WooCommerce store")
        return raw, await self._complete(raw)

    async def _complete(self, raw: Json) -> Order:
        """The order with its refunds and parcels, which WooCommerce keeps apart from it."""
        refunds: list[Json] = []
        if raw.get("refunds"):
            reply = await self.api.call("GET", f"orders/{raw['id']}/refunds")
            if reply.status != 200 or not isinstance(reply.body, list):
                raise self.api.unexpected(reply, "reading refunds")
            refunds = reply.body
        trackings = tracking_meta(raw) or await self._trackings(raw["id"])
        with readable(NAME, "an order"):
            return read_order(raw, trackings, refunds)

    async def _trackings(self, order_id: int) -> list[Json]:
        """The Shipment Tracking extension's endpoint; a 404 means the extension is not installed."""
        url = f"{self.site_url}/wp-json/wc-shipment-tracking/v3/orders/{order_id}/shipment-trackings"
        reply = await self.api.call("GET", url)
        if reply.status == 404:
            return []
        if reply.status != 200 or not isinstance(reply.body, list):
            raise self.api.unexpected(reply, "reading shipment tracking")
        return reply.body

    async def _update(self, order_id: int, changes: Json, doing: str) -> Order:
        reply = await self.api.call("PUT", f"orders/{order_id}", json=changes)
        if reply.status == 200:
            return await self._complete(reply.body)
        if reply.status in (400, 409, 422):
            message = reply.body.get("message") if isinstance(reply.body, dict) else reply.body
            raise NotAllowed(f"{NAME} refused {doing}: {message}")
        raise self.api.unexpected(reply, doing)

    async def _note(self, order_id: int, note: str) -> None:
        """Best effort: the change is made, and a missing note must not make it look failed."""
        try:
            reply = await self.api.call("POST", f"orders/{order_id}/notes", json={"note": note})
        except StoreUnavailable as exc:
            log.warning("order %s: the note was not saved: %s", order_id, exc)
            return
        if reply.status != 201:
            log.warning("order %s: the note was not saved: HTTP %s", order_id, reply.status)
