"""Local servers speaking Shopify's Admin API, WooCommerce's REST API and AfterShip's Tracking API as
documented: the same paths, auth headers, JSON shapes, filters and error bodies, so an adapter that
passes against them sends what the real service expects. One module per provider; builders make
orders in each provider's own shape."""

from tests.commerce.fake_aftership import FakeAfterShip, checkpoint
from tests.commerce.fake_shopify import FakeShopify, shopify_fulfillment, shopify_order
from tests.commerce.fake_woocommerce import FakeWooCommerce, woo_order

__all__ = [
    "FakeAfterShip",
    "FakeShopify",
    "FakeWooCommerce",
    "checkpoint",
    "shopify_fulfillment",
    "shopify_order",
    "woo_order",
]
