"""Shopify, through the REST Admin API (``/admin/api/{version}/…``, ``X-Shopify-Access-Token``).

Orders are found by name (``orders.json?name=``) and kept only when the name is exactly the number the
customer gave (Shopify's filter is looser); a customer's orders through the customer search. Cancel is
``POST orders/{id}/cancel.json``, a new address ``PUT orders/{id}.json``. Returns need the GraphQL
Admin API (``shopify_returns.py``): the REST API has no way to open one.
"""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from babeldesk.commerce.contact import contact_matches, normalize_number, phone_digits
from babeldesk.commerce.http import DEFAULT_TIMEOUT_S, RemoteApi, Reply, check_secure_url
from babeldesk.commerce.models import Address, Order, OrderStatus, ReturnReason, ReturnRequest
from babeldesk.commerce.rules import check_not_shipped, check_return
from babeldesk.commerce.shopify_map import Json, order_number, read_order, write_address
from babeldesk.commerce.shopify_returns import request_return
from babeldesk.commerce.store import NotAllowed, OrderNotFound
from babeldesk.commerce.wire import readable

DEFAULT_API_VERSION = "2025-01"
NAME = "Shopify"
# The customer search can match several customers (one email, several accounts): a few is plenty.
MAX_CUSTOMERS = 3
MAX_ORDERS = 50


class ShopifyStore:
    def __init__(
        self,
        shop_url: str,
        access_token: str,
        *,
        api_version: str = DEFAULT_API_VERSION,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self.api = RemoteApi(
            NAME,
            f"{check_secure_url(shop_url).rstrip('/')}/admin/api/{api_version}",
            headers={"X-Shopify-Access-Token": access_token},
            timeout_s=timeout_s,
            client=client,
        )

    async def aclose(self) -> None:
        await self.api.aclose()

    async def find_order(self, number: str) -> Order | None:
        raw = await self._find_raw(number)
        return None if raw is None else await self._with_events(raw)

    async def orders_for_contact(self, *, email: str = "", phone: str = "") -> Sequence[Order]:
        found: dict[int, Json] = {}
        for customer_id in await self._customers(email, phone):
            reply = await self.api.call(
                "GET",
                f"customers/{customer_id}/orders.json",
                params={"status": "any", "limit": str(MAX_ORDERS)},
            )
            for raw in self._orders(reply, "listing a customer's orders"):
                found[raw["id"]] = raw
        with readable(NAME, "an order"):
            orders = [read_order(raw) for raw in found.values()]
        given = [value for value in (email, phone) if value]
        mine = [order for order in orders if any(contact_matches(order, value) for value in given)]
        return sorted(mine, key=lambda order: order.placed_at, reverse=True)

    async def cancel_order(self, number: str, *, reason: str) -> Order:
        """Shopify takes a reason code, not words: the customer's words stay in our conversation."""
        raw, order = await self._require(number)
        check_not_shipped(order, "cancelled")
        reply = await self.api.call("POST", f"orders/{raw['id']}/cancel.json", json={"reason": "customer"})
        return await self._changed(reply, "cancelling an order")

    async def change_shipping_address(self, number: str, address: Address) -> Order:
        raw, order = await self._require(number)
        check_not_shipped(order, "sent elsewhere")
        body = {"order": {"id": raw["id"], "shipping_address": write_address(address)}}
        reply = await self.api.call("PUT", f"orders/{raw['id']}.json", json=body)
        return await self._changed(reply, "changing an address")

    async def create_return(
        self, number: str, *, reason: ReturnReason, skus: Sequence[str], resolution: str, note: str
    ) -> ReturnRequest:
        raw, order = await self._require(number)
        if order.status is not OrderStatus.DELIVERED:
            raise NotAllowed(
                f"order {order.number} is {order.status.value}; only delivered orders can be returned"
            )
        wanted = check_return(order, skus, resolution)
        gid = raw.get("admin_graphql_api_id") or f"gid://shopify/Order/{raw['id']}"
        reference = await request_return(
            self.api, gid, wanted, reason=reason, note=f"{resolution}: {note}".strip()
        )
        return ReturnRequest(order.number, reason, reference, wanted, resolution)

    async def _find_raw(self, number: str) -> Json | None:
        wanted = normalize_number(number)
        if not wanted:
            return None
        reply = await self.api.call("GET", "orders.json", params={"name": wanted, "status": "any"})
        orders = self._orders(reply, "looking up an order")
        with readable(NAME, "an order"):
            return next((raw for raw in orders if order_number(raw) == wanted), None)

    async def _require(self, number: str) -> tuple[Json, Order]:
        raw = await self._find_raw(number)
        if raw is None:
            raise OrderNotFound(f"no order {normalize_number(number)} in the Shopify store")
        return raw, await self._with_events(raw)

    async def _with_events(self, raw: Json) -> Order:
        """The order with each parcel's tracking events, which Shopify keeps per fulfillment."""
        events: dict[int, list[Json]] = {}
        for fulfillment in raw.get("fulfillments") or []:
            path = f"orders/{raw['id']}/fulfillments/{fulfillment['id']}/events.json"
            reply = await self.api.call("GET", path)
            if reply.status == 200:
                events[fulfillment["id"]] = self._field(
                    reply, "fulfillment_events", "reading tracking events"
                )
            elif reply.status != 404:
                raise self.api.unexpected(reply, "reading tracking events")
        with readable(NAME, "an order"):
            return read_order(raw, events)

    async def _customers(self, email: str, phone: str) -> list[int]:
        """Shopify's search syntax splits terms at spaces: a phone is sent as its digits (and its "+")."""
        queries = [f"email:{email.strip()}"] if email.strip() else []
        if phone_digits(phone):
            queries.append(f"phone:{'+' if phone.strip().startswith('+') else ''}{phone_digits(phone)}")
        ids: list[int] = []
        for query in queries:
            reply = await self.api.call(
                "GET", "customers/search.json", params={"query": query, "fields": "id"}
            )
            ids += [
                c["id"] for c in self._field(reply, "customers", "searching customers") if c["id"] not in ids
            ]
        return ids[:MAX_CUSTOMERS]

    async def _changed(self, reply: Reply, doing: str) -> Order:
        if reply.status in (200, 201):
            with readable(NAME, "an order"):
                return await self._with_events(reply.body["order"])
        if reply.status in (400, 409, 422):
            raise NotAllowed(f"{NAME} refused {doing}: {_errors(reply.body)}")
        raise self.api.unexpected(reply, doing)

    def _orders(self, reply: Reply, doing: str) -> list[Json]:
        return self._field(reply, "orders", doing)

    def _field(self, reply: Reply, name: str, doing: str) -> list[Json]:
        if reply.status != 200:
            raise self.api.unexpected(reply, doing)
        with readable(NAME, f"a {name} list"):
            items = reply.body[name]
            if not isinstance(items, list):
                raise TypeError(f"{name} is not a list")
            return items


def _errors(body: object) -> str:
    """Shopify's error body is ``{"errors": …}`` or ``{"error": "…"}``, the value a string, list or map."""
    if isinstance(body, dict):
        body = body.get("errors", body.get("error", body))
    if isinstance(body, dict):
        return "; ".join(
            f"{key} {', '.join(map(str, v)) if isinstance(v, list) else v}" for key, v in body.items()
        )
    if isinstance(body, list):
        return "; ".join(map(str, body))
    return str(body)
