"""A local WooCommerce: ``wc/v3`` orders (read, search, update, refunds, notes) with consumer-key basic
auth, and the Shipment Tracking extension's endpoint when "installed"; errors in WordPress's shape."""

from __future__ import annotations

import base64
from typing import Any

from tests.commerce.fake_http import FakeServer, Reply, Request, route

Json = dict[str, Any]
WOO_STATUSES = {"pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"}
WOO_KEY, WOO_SECRET = "ck_test", "cs_test"


def woo_order(order_id: int, status: str = "processing", **fields: Any) -> Json:
    order: Json = {
        "id": order_id,
        "number": str(order_id),
        "status": status,
        "currency": "USD",
        "date_created": "2025-06-01T06:00:00",
        "date_created_gmt": "2025-06-01T10:00:00",
        "total": "45.00",
        "billing": {
            "first_name": "Mia",
            "last_name": "Wong",
            "email": "mia@example.com",
            "phone": "(415) 555-0134",
        },
        "shipping": {
            "first_name": "Mia",
            "last_name": "Wong",
            "company": "",
            "address_1": "1 Market St",
            "address_2": "Apt 5",
            "city": "San Francisco",
            "state": "CA",
            "postcode": "94105",
            "country": "US",
            "phone": "",
        },
        "line_items": [{"id": 1, "name": "Mug", "sku": "MUG", "quantity": 3, "price": 15, "total": "45.00"}],
        "refunds": [],
        "meta_data": [],
    }
    return {**order, **fields}


class FakeWooCommerce(FakeServer):
    def __init__(self, key: str = WOO_KEY, secret: str = WOO_SECRET, tracking_extension: bool = True) -> None:
        super().__init__()
        self.auth = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
        self.tracking_extension = tracking_extension
        self.orders: dict[int, Json] = {}
        self.refunds: dict[int, list[Json]] = {}
        self.trackings: dict[int, list[Json]] = {}
        self.notes: dict[int, list[Json]] = {}

    def handle(self, request: Request) -> Reply:
        if request.headers.get("authorization") != self.auth:
            return _woo_error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
        path, method = request.path, request.method
        if method == "GET" and path == "/wp-json/wc/v3/orders":
            return Reply(
                200, self._search(request.query.get("search", ""))[: int(request.query.get("per_page", 10))]
            )
        if (match := route(r"/wp-json/wc/v3/orders/(\d+)(/refunds|/notes)?", path)) is None:
            if self.tracking_extension and (
                found := route(r"/wp-json/wc-shipment-tracking/v3/orders/(\d+)/shipment-trackings", path)
            ):
                return Reply(200, self.trackings.get(int(found[1]), []))
            return _woo_error(404, "rest_no_route", "No route was found matching the URL and request method.")
        order = self.orders.get(int(match[1]))
        if order is None:
            return _woo_error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
        if method == "GET" and match[2] == "/refunds":
            return Reply(200, self.refunds.get(order["id"], []))
        if method == "POST" and match[2] == "/notes":
            notes = self.notes.setdefault(order["id"], [])
            notes.append({"id": 700 + len(notes), "note": request.body["note"], "customer_note": False})
            return Reply(201, notes[-1])
        if method == "PUT" and match[2] is None:
            return self._update(order, request.body or {})
        return Reply(200, order)

    def _search(self, value: str) -> list[Json]:
        """WooCommerce searches the number and the billing and shipping fields, newest first."""
        needle = value.lower()

        def hit(order: Json) -> bool:
            fields = [
                order["number"],
                *map(str, order["billing"].values()),
                *map(str, order["shipping"].values()),
            ]
            return any(needle in field.lower() for field in fields)

        return sorted(filter(hit, self.orders.values()), key=lambda o: o["date_created_gmt"], reverse=True)

    def _update(self, order: Json, changes: Json) -> Reply:
        changes = dict(changes)
        if "status" in changes and changes["status"] not in WOO_STATUSES:
            return _woo_error(400, "rest_invalid_param", "Invalid parameter(s): status")
        if "shipping" in changes:
            order["shipping"] = {**order["shipping"], **changes.pop("shipping")}
        order.update(changes)
        return Reply(200, order)


def _woo_error(status: int, code: str, message: str) -> Reply:
    return Reply(status, {"code": code, "message": message, "data": {"status": status}})
