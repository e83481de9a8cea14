"""A local Shopify: the REST Admin API's order, customer-search, fulfillment-event, cancel and update
endpoints, and the GraphQL Admin API's returnable fulfillments and ``returnRequest``, as documented."""

from __future__ import annotations

from typing import Any

from tests.commerce.fake_http import FakeServer, Reply, Request, route

Json = dict[str, Any]

SHOPIFY_RETURN_REASONS = {
    "COLOR",
    "DEFECTIVE",
    "NOT_AS_DESCRIBED",
    "OTHER",
    "SIZE_TOO_LARGE",
    "SIZE_TOO_SMALL",
    "STYLE",
    "UNKNOWN",
    "UNWANTED",
    "WRONG_ITEM",
}


def digits(value: str) -> str:
    return "".join(c for c in value if c.isdigit())


def shopify_order(order_id: int, name: str, **fields: Any) -> Json:
    order: Json = {
        "id": order_id,
        "admin_graphql_api_id": f"gid://shopify/Order/{order_id}",
        "name": name,
        "order_number": int(digits(name) or 0),
        "email": "ana@example.com",
        "phone": "+34612345678",
        "created_at": "2025-06-01T10:00:00-04:00",
        "processed_at": "2025-06-01T10:00:00-04:00",
        "currency": "EUR",
        "total_price": "59.90",
        "financial_status": "paid",
        "fulfillment_status": None,
        "cancelled_at": None,
        "closed_at": None,
        "customer": {"id": 1, "email": "ana@example.com"},
        "shipping_address": {
            "first_name": "Ana",
            "last_name": "García",
            "name": "Ana García",
            "address1": "Calle Mayor 1",
            "address2": "",
            "city": "Madrid",
            "zip": "28013",
            "province": "Madrid",
            "province_code": "M",
            "country": "Spain",
            "country_code": "ES",
            "phone": "+34612345678",
        },
        "line_items": [
            {
                "id": order_id * 10 + 1,
                "sku": "TEE-M",
                "title": "T-shirt",
                "name": "T-shirt - M",
                "quantity": 2,
                "price": "19.95",
            },
            {
                "id": order_id * 10 + 2,
                "sku": "CAP",
                "title": "Cap",
                "name": "Cap",
                "quantity": 1,
                "price": "20.00",
            },
        ],
        "fulfillments": [],
        "refunds": [],
    }
    return {**order, **fields}


def shopify_fulfillment(fulfillment_id: int, order: Json, shipment_status: str | None, **fields: Any) -> Json:
    return {
        "id": fulfillment_id,
        "order_id": order["id"],
        "status": "success",
        "created_at": "2025-06-02T09:00:00Z",
        "tracking_company": "DHL",
        "tracking_number": f"JD{fulfillment_id}",
        "tracking_numbers": [f"JD{fulfillment_id}"],
        "tracking_url": f"https://www.dhl.com/track?id=JD{fulfillment_id}",
        "shipment_status": shipment_status,
        "line_items": order["line_items"],
        **fields,
    }


SHOPIFY_TOKEN = "shpat_test"


class FakeShopify(FakeServer):
    def __init__(self, token: str = SHOPIFY_TOKEN, version: str = "2025-01") -> None:
        super().__init__()
        self.token, self.version = token, version
        self.orders: dict[int, Json] = {}
        self.customers: dict[int, Json] = {}
        self.events: dict[int, list[Json]] = {}  # by fulfillment id
        self.returns: list[Json] = []

    def add(self, *orders: Json) -> None:
        for order in orders:
            self.orders[order["id"]] = order
            customer = order["customer"]
            self.customers.setdefault(customer["id"], {**customer, "phone": order.get("phone")})

    def handle(self, request: Request) -> Reply:
        if request.headers.get("x-shopify-access-token") != self.token:
            return Reply(
                401,
                {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"},
            )
        prefix = f"/admin/api/{self.version}/"
        if not request.path.startswith(prefix):
            return Reply(404, {"errors": "Not Found"})
        path, method = request.path.removeprefix(prefix), request.method
        if method == "GET" and path == "orders.json":
            wanted = request.query.get("name", "").lstrip("#")
            found = [o for o in self._listed(request) if wanted in o["name"]]
            return Reply(200, {"orders": found})
        if method == "GET" and path == "customers/search.json":
            return Reply(200, {"customers": [{"id": c["id"]} for c in self._search(request.query["query"])]})
        if method == "GET" and (match := route(r"customers/(\d+)/orders\.json", path)):
            found = [o for o in self._listed(request) if o["customer"]["id"] == int(match[1])]
            return Reply(200, {"orders": found})
        if method == "GET" and (match := route(r"orders/(\d+)/fulfillments/(\d+)/events\.json", path)):
            order = self.orders.get(int(match[1]))
            if order is None or int(match[2]) not in {f["id"] for f in order["fulfillments"]}:
                return Reply(404, {"errors": "Not Found"})
            return Reply(200, {"fulfillment_events": self.events.get(int(match[2]), [])})
        if method == "POST" and (match := route(r"orders/(\d+)/cancel\.json", path)):
            return self._cancel(int(match[1]), request.body or {})
        if method == "PUT" and (match := route(r"orders/(\d+)\.json", path)):
            return self._update(int(match[1]), request.body)
        if method == "POST" and path == "graphql.json":
            return self._graphql(request.body)
        return Reply(404, {"errors": "Not Found"})

    def _listed(self, request: Request) -> list[Json]:
        """Shopify lists only open orders unless asked for ``status=any``."""
        every = request.query.get("status") == "any"
        return [o for o in self.orders.values() if every or not (o["cancelled_at"] or o["closed_at"])]

    def _search(self, query: str) -> list[Json]:
        field, _, value = query.partition(":")
        if field == "email":
            return [c for c in self.customers.values() if c["email"].lower() == value.lower()]
        return [c for c in self.customers.values() if c.get("phone") and digits(c["phone"]) == digits(value)]

    def _cancel(self, order_id: int, body: Json) -> Reply:
        order = self.orders.get(order_id)
        if order is None:
            return Reply(404, {"errors": "Not Found"})
        if body.get("reason") not in {"customer", "inventory", "fraud", "declined", "other", None}:
            return Reply(422, {"errors": {"reason": ["is not included in the list"]}})
        if order["cancelled_at"] or order["fulfillments"]:
            return Reply(422, {"error": "Cannot cancel an order that has been fulfilled or cancelled"})
        order.update(cancelled_at="2025-06-03T12:00:00Z", cancel_reason=body.get("reason", "other"))
        return Reply(200, {"order": order})

    def _update(self, order_id: int, body: Any) -> Reply:
        order = self.orders.get(order_id)
        if order is None:
            return Reply(404, {"errors": "Not Found"})
        changes = (body or {}).get("order") or {}
        if changes.get("id") != order_id:
            return Reply(400, {"errors": {"order": "Required parameter missing or invalid"}})
        if "shipping_address" in changes:
            address = {**order["shipping_address"], **changes["shipping_address"]}
            address["name"] = f"{address['first_name']} {address['last_name']}".strip()
            order["shipping_address"] = address
        return Reply(200, {"order": order})

    def _graphql(self, body: Json) -> Reply:
        query, variables = body["query"], body.get("variables") or {}
        if "returnableFulfillments(" in query:
            return Reply(
                200, {"data": {"returnableFulfillments": {"edges": self._returnable(variables["id"])}}}
            )
        if "returnRequest(" in query:
            return Reply(200, {"data": {"returnRequest": self._request_return(variables["input"])}})
        return Reply(200, {"errors": [{"message": "Unknown query"}]})

    def _order_by_gid(self, gid: str) -> Json | None:
        return next((o for o in self.orders.values() if o["admin_graphql_api_id"] == gid), None)

    def _returnable(self, gid: str) -> list[Json]:
        order = self._order_by_gid(gid)
        returned = {r["fulfillmentLineItemId"] for ret in self.returns for r in ret["returnLineItems"]}
        edges = []
        for fulfillment in order["fulfillments"] if order else []:
            if fulfillment["shipment_status"] != "delivered":
                continue
            lines = [
                {
                    "node": {
                        "quantity": item["quantity"],
                        "fulfillmentLineItem": {
                            "id": f"gid://shopify/FulfillmentLineItem/{item['id']}",
                            "lineItem": {"sku": item["sku"]},
                        },
                    }
                }
                for item in fulfillment["line_items"]
                if f"gid://shopify/FulfillmentLineItem/{item['id']}" not in returned
            ]
            edges.append({"node": {"returnableFulfillmentLineItems": {"edges": lines}}})
        return edges

    def _request_return(self, payload: Json) -> Json:
        order = self._order_by_gid(payload["orderId"])
        if order is None:
            return {"return": None, "userErrors": [{"field": ["orderId"], "message": "Order does not exist"}]}
        for item in payload["returnLineItems"]:
            if item["returnReason"] not in SHOPIFY_RETURN_REASONS or len(item.get("customerNote", "")) > 255:
                return {
                    "return": None,
                    "userErrors": [{"field": ["returnReason"], "message": "Invalid input"}],
                }
        self.returns.append(payload)
        name = f"{order['name']}-R{len(self.returns)}"
        return {"return": {"id": f"gid://shopify/Return/{len(self.returns)}", "name": name}, "userErrors": []}
