"""A workspace's commerce settings (``workspaces.settings["commerce"]``) and the store and carrier they make.

{"commerce": {
    "store": {"kind": "builtin"}
           | {"kind": "shopify", "url": "https://my-shop.myshopify.com", "token": "shpat_…",
              "api_version": "2025-01"}
           | {"kind": "woocommerce", "url": "https://shop.example", "key": "ck_…", "secret": "cs_…"},
    "carrier": {"kind": "builtin"} | {"kind": "aftership", "api_key": "…"}}}

Every remote entry also takes ``timeout_s`` (default 5). Without settings, the built-in store and
carrier answer from the orders imported with ``babeldesk store import``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from babeldesk.commerce.aftership import DEFAULT_API_VERSION as AFTERSHIP_VERSION
from babeldesk.commerce.aftership import DEFAULT_URL as AFTERSHIP_URL
from babeldesk.commerce.aftership import AfterShipCarrier
from babeldesk.commerce.builtin import BuiltinCarrier, BuiltinStore
from babeldesk.commerce.http import DEFAULT_TIMEOUT_S, check_secure_url
from babeldesk.commerce.records import describe
from babeldesk.commerce.shopify import DEFAULT_API_VERSION as SHOPIFY_VERSION
from babeldesk.commerce.shopify import ShopifyStore
from babeldesk.commerce.store import Carrier, Store
from babeldesk.commerce.woocommerce import WooCommerceStore
from babeldesk.db.engine import Database

AnyStore = BuiltinStore | ShopifyStore | WooCommerceStore
AnyCarrier = BuiltinCarrier | AfterShipCarrier


class CommerceConfigError(ValueError):
    """The commerce settings are malformed; the message names the field."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Remote(_Entry):
    url: str
    timeout_s: float = Field(DEFAULT_TIMEOUT_S, gt=0, le=60)

    _check_url = field_validator("url")(check_secure_url)


class BuiltinStoreConfig(_Entry):
    kind: Literal["builtin"] = "builtin"


class ShopifyConfig(_Remote):
    kind: Literal["shopify"]
    token: SecretStr
    api_version: str = Field(SHOPIFY_VERSION, pattern=r"^\d{4}-\d{2}$|^unstable$")


class WooCommerceConfig(_Remote):
    kind: Literal["woocommerce"]
    key: SecretStr
    secret: SecretStr


class BuiltinCarrierConfig(_Entry):
    kind: Literal["builtin"] = "builtin"


class AfterShipConfig(_Remote):
    kind: Literal["aftership"]
    api_key: SecretStr
    url: str = AFTERSHIP_URL
    api_version: str = Field(AFTERSHIP_VERSION, pattern=r"^\d{4}-\d{2}$")


class CommerceSettings(_Entry):
    store: Annotated[BuiltinStoreConfig | ShopifyConfig | WooCommerceConfig, Field(discriminator="kind")] = (
        BuiltinStoreConfig()
    )
    carrier: Annotated[BuiltinCarrierConfig | AfterShipConfig, Field(discriminator="kind")] = (
        BuiltinCarrierConfig()
    )


def commerce_settings(settings: Mapping[str, Any]) -> CommerceSettings:
    """The ``commerce`` part of a workspace's settings, checked; built-in everything when absent."""
    try:
        return CommerceSettings.model_validate(settings.get("commerce") or {})
    except ValidationError as exc:
        raise CommerceConfigError(f"commerce settings: {describe(exc)}") from exc


def store_for(settings: Mapping[str, Any], db: Database, workspace_id: int) -> AnyStore:
    config = commerce_settings(settings).store
    if isinstance(config, ShopifyConfig):
        return ShopifyStore(
            config.url,
            config.token.get_secret_value(),
            api_version=config.api_version,
            timeout_s=config.timeout_s,
        )
    if isinstance(config, WooCommerceConfig):
        secrets = (config.key.get_secret_value(), config.secret.get_secret_value())
        return WooCommerceStore(config.url, *secrets, timeout_s=config.timeout_s)
    return BuiltinStore(db, workspace_id)


def carrier_for(
    settings: Mapping[str, Any], db: Database | None = None, workspace_id: int | None = None
) -> AnyCarrier:
    """The built-in carrier reads the workspace's imported events, so it needs ``db`` and ``workspace_id``."""
    config = commerce_settings(settings).carrier
    if isinstance(config, AfterShipConfig):
        return AfterShipCarrier(
            config.api_key.get_secret_value(),
            url=config.url,
            api_version=config.api_version,
            timeout_s=config.timeout_s,
        )
    if db is None or workspace_id is None:
        raise CommerceConfigError("the built-in carrier needs the database and the workspace")
    return BuiltinCarrier(db, workspace_id)


@asynccontextmanager
async def commerce_for(
    settings: Mapping[str, Any], db: Database, workspace_id: int
) -> AsyncIterator[tuple[Store, Carrier]]:
    """The workspace's store and carrier, their HTTP connections closed on the way out."""
    store = store_for(settings, db, workspace_id)
    try:
        carrier = carrier_for(settings, db, workspace_id)
    except BaseException:
        await store.aclose()
        raise
    try:
        yield store, carrier
    finally:
        await store.aclose()
        await carrier.aclose()
