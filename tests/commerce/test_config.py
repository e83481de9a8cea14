"""Workspace settings choose the store and carrier; bad settings are refused with the field named."""

from __future__ import annotations

from typing import Any

import pytest

from babeldesk.commerce.aftership import AfterShipCarrier
from babeldesk.commerce.builtin import BuiltinCarrier, BuiltinStore
from babeldesk.commerce.config import CommerceConfigError, carrier_for, commerce_for, store_for
from babeldesk.commerce.shopify import ShopifyStore
from babeldesk.commerce.woocommerce import WooCommerceStore
from babeldesk.db.engine import Database
from tests.commerce.conftest import Shop
from tests.commerce.fake_shops import FakeShopify, shopify_order
from tests.language.fake_providers import running

SHOPIFY = {
    "kind": "shopify",
    "url": "https://demo.myshopify.com",
    "token": "shpat_x",
    "api_version": "2024-10",
}
WOO = {"kind": "woocommerce", "url": "https://shop.example", "key": "ck_x", "secret": "cs_x", "timeout_s": 2}


def commerce(**parts: Any) -> dict[str, Any]:
    return {"translation": {"engines": []}, "commerce": parts}


def test_no_settings_mean_the_builtin_store_and_carrier(db: Database) -> None:
    assert isinstance(store_for({}, db, 1), BuiltinStore)
    assert isinstance(carrier_for({"commerce": {}}, db, 1), BuiltinCarrier)
    with pytest.raises(CommerceConfigError, match="needs the database"):
        carrier_for({})


def test_each_kind_makes_its_adapter_with_its_settings(db: Database) -> None:
    shopify = store_for(commerce(store=SHOPIFY), db, 1)
    assert isinstance(shopify, ShopifyStore)
    assert shopify.api.base_url == "https://demo.myshopify.com/admin/api/2024-10"
    woo = store_for(commerce(store=WOO), db, 1)
    assert isinstance(woo, WooCommerceStore) and woo.api.timeout_s == 2
    tracker = carrier_for(commerce(carrier={"kind": "aftership", "api_key": "as_x"}))
    assert isinstance(tracker, AfterShipCarrier)
    assert tracker.api.base_url == "https://api.aftership.com/tracking/2025-07" and tracker.api.timeout_s == 5


@pytest.mark.parametrize(
    ("store", "message"),
    [
        ({"kind": "magento"}, "does not match any of the expected tags"),
        ({**SHOPIFY, "url": "http://demo.myshopify.com"}, "must use https://"),
        ({**SHOPIFY, "url": "demo.myshopify.com"}, "not an http\\(s\\) URL"),
        ({k: v for k, v in SHOPIFY.items() if k != "token"}, "store.shopify.token: Field required"),
        ({**WOO, "timeout_s": 0}, "timeout_s: Input should be greater than 0"),
        ({**WOO, "password": "x"}, "password: Extra inputs are not permitted"),
    ],
)
def test_bad_settings_are_refused_with_the_field_named(
    db: Database, store: dict[str, Any], message: str
) -> None:
    with pytest.raises(CommerceConfigError, match=message):
        store_for(commerce(store=store), db, 1)


def test_secrets_do_not_show_in_the_settings_repr() -> None:
    from babeldesk.commerce.config import commerce_settings

    assert "shpat_x" not in repr(commerce_settings(commerce(store=SHOPIFY)))


async def test_commerce_for_hands_out_working_adapters_and_closes_them(shop: Shop) -> None:
    with running(FakeShopify()) as fake:
        fake.add(shopify_order(11, "#1001"))
        settings = commerce(store={"kind": "shopify", "url": fake.url, "token": "shpat_test"})
        async with commerce_for(settings, shop.db, shop.workspace_id) as (store, carrier):
            order = await store.find_order("1001")
            assert order is not None and order.email == "ana@example.com"
            assert len(await carrier.track("JD014600006281234567")) == 5
            assert isinstance(store, ShopifyStore)
            client = store.api.client
        assert client.is_closed
