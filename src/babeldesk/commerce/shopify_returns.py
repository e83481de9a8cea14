"""Opening a return on Shopify, which only the GraphQL Admin API can do: find the order's returnable
fulfillment line items, then ``returnRequest`` them (a request the merchant approves or declines)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from babeldesk.commerce.http import RemoteApi
from babeldesk.commerce.models import ReturnReason
from babeldesk.commerce.store import NotAllowed, StoreRateLimited, StoreUnavailable
from babeldesk.commerce.wire import readable

RETURNABLE = """
query Returnable($id: ID!) {
  returnableFulfillments(orderId: $id, first: 10) {
    edges { node { returnableFulfillmentLineItems(first: 50) {
      edges { node { quantity fulfillmentLineItem { id lineItem { sku } } } }
    } } }
  }
}"""
REQUEST = """
mutation Request($input: ReturnRequestInput!) {
  returnRequest(input: $input) {
    return { id name }
    userErrors { field message }
  }
}"""
REASONS = {ReturnReason.DEFECTIVE: "DEFECTIVE", ReturnReason.CHANGED_MIND: "UNWANTED"}
MAX_NOTE = 255  # Shopify's limit for a customer note on a return line item


async def request_return(
    api: RemoteApi, order_gid: str, skus: Sequence[str], *, reason: ReturnReason, note: str
) -> str:
    """The new return's name (or id); ``NotAllowed`` when an item is not (or no longer) returnable."""
    returnable = await _returnable(api, order_gid)
    missing = [sku for sku in skus if sku not in returnable]
    if missing:
        raise NotAllowed(
            f"not returnable in Shopify (not delivered, or returned already): {', '.join(missing)}"
        )
    items = [
        {
            "fulfillmentLineItemId": line_id,
            "quantity": quantity,
            "returnReason": REASONS[reason],
            "customerNote": note[:MAX_NOTE],
        }
        for sku in skus
        for line_id, quantity in returnable[sku]
    ]
    data = await _graphql(api, REQUEST, {"input": {"orderId": order_gid, "returnLineItems": items}})
    with readable("Shopify", "a return"):
        result = data["returnRequest"]
        if result["userErrors"]:
            raise NotAllowed(
                "Shopify refused the return: " + "; ".join(e["message"] for e in result["userErrors"])
            )
        return str(result["return"].get("name") or result["return"]["id"])


async def _returnable(api: RemoteApi, order_gid: str) -> dict[str, list[tuple[str, int]]]:
    """Returnable (fulfillment line item id, quantity) pairs by SKU."""
    data = await _graphql(api, RETURNABLE, {"id": order_gid})
    found: dict[str, list[tuple[str, int]]] = {}
    with readable("Shopify", "returnable items"):
        for fulfillment in data["returnableFulfillments"]["edges"]:
            for edge in fulfillment["node"]["returnableFulfillmentLineItems"]["edges"]:
                line = edge["node"]["fulfillmentLineItem"]
                sku = line["lineItem"]["sku"] or ""
                found.setdefault(sku, []).append((line["id"], int(edge["node"]["quantity"])))
    return found


async def _graphql(api: RemoteApi, query: str, variables: dict[str, Any]) -> Any:
    """GraphQL answers 200 even when it fails: the errors are in the body, throttling included."""
    reply = await api.call("POST", "graphql.json", json={"query": query, "variables": variables})
    if reply.status != 200:
        raise api.unexpected(reply, "a GraphQL request")
    with readable("Shopify", "a GraphQL answer"):
        errors = reply.body.get("errors") or []
        if any((e.get("extensions") or {}).get("code") == "THROTTLED" for e in errors):
            raise StoreRateLimited("Shopify is throttling GraphQL requests (THROTTLED)")
        if errors:
            raise StoreUnavailable(
                "Shopify GraphQL error: " + "; ".join(str(e.get("message")) for e in errors)
            )
        return reply.body["data"]
