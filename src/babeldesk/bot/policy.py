"""A workspace's bot policy, read from ``settings["bot"]["policy"]``: what the bot may promise.

Every flow asks this module before it offers anything (a return, a cancellation, free shipping), so a
reply never promises what the seller's policy does not allow. Pure data and pure rules; no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from babeldesk.commerce.models import Order, OrderStatus, ReturnReason

ANY_COUNTRY = "*"


class PolicyError(ValueError):
    """The workspace's policy settings are malformed; the message names the offending field."""


class Payer(StrEnum):
    CUSTOMER = "customer"
    SELLER = "seller"


@dataclass(frozen=True)
class ShippingRule:
    countries: tuple[str, ...]  # ISO 3166-1 alpha-2 codes, or ``*`` for every other country
    cost: Decimal
    transit_days: str  # as the seller writes it: "2", "3-5"
    free_over: Decimal | None = None  # order value above which shipping is free, for these countries


@dataclass(frozen=True)
class Policy:
    return_window_days: int = 30
    changed_mind_return_paid_by: Payer = Payer.CUSTOMER
    ship_within_days: int = 2
    currency: str = "USD"
    shipping: tuple[ShippingRule, ...] = ()
    free_shipping_over: Decimal | None = None  # for every country without its own threshold
    customs_origin: str = ""  # where parcels ship from, ISO alpha-2; empty when the seller did not say

    def return_payer(self, reason: ReturnReason) -> Payer:
        """Defective, damaged or wrong items always travel back at the seller's cost."""
        return Payer.SELLER if reason is ReturnReason.DEFECTIVE else self.changed_mind_return_paid_by

    def return_deadline(self, order: Order) -> datetime | None:
        """The last moment a changed-mind return is accepted; None while the order is not delivered."""
        delivered = delivered_on(order)
        return delivered + timedelta(days=self.return_window_days) if delivered else None

    def shipping_rule(self, country: str) -> ShippingRule | None:
        wanted = country.upper()
        for rule in self.shipping:
            if wanted in rule.countries:
                return rule
        return next((r for r in self.shipping if ANY_COUNTRY in r.countries), None)

    def free_threshold(self, rule: ShippingRule) -> Decimal | None:
        return rule.free_over if rule.free_over is not None else self.free_shipping_over


def is_delivered(order: Order) -> bool:
    return order.status is OrderStatus.DELIVERED or order.delivered_at is not None


def can_change_before_shipping(order: Order) -> bool:
    """Cancelling and changing the address both need an order that no carrier has yet."""
    return not order.has_shipped and order.status in (OrderStatus.PENDING, OrderStatus.PAID)


def delivered_on(order: Order) -> datetime | None:
    if order.delivered_at is not None:
        return order.delivered_at
    dates = [s.delivered_at for s in order.shipments if s.delivered_at is not None]
    return max(dates) if dates else None


def policy_from_settings(settings: Mapping[str, Any] | None) -> Policy:
    """The policy in a workspace's settings; defaults for what is absent, ``PolicyError`` for bad values."""
    bot = (settings or {}).get("bot") or {}
    raw = bot.get("policy") if isinstance(bot, Mapping) else None
    if raw is None:
        return Policy()
    if not isinstance(raw, Mapping):
        raise PolicyError("bot.policy must be an object")
    payer = raw.get("changed_mind_return_paid_by", Payer.CUSTOMER.value)
    if payer not in {p.value for p in Payer}:
        raise PolicyError("bot.policy.changed_mind_return_paid_by must be 'customer' or 'seller'")
    rules = raw.get("shipping", [])
    if not isinstance(rules, list):
        raise PolicyError("bot.policy.shipping must be a list")
    return Policy(
        return_window_days=_count(raw, "return_window_days", 30),
        changed_mind_return_paid_by=Payer(payer),
        ship_within_days=_count(raw, "ship_within_days", 2),
        currency=_code(raw.get("currency", "USD"), "currency", 3),
        shipping=tuple(_rule(rule, i) for i, rule in enumerate(rules)),
        free_shipping_over=_money(raw.get("free_shipping_over"), "free_shipping_over"),
        customs_origin=_code(raw.get("customs_origin", ""), "customs_origin", 2, optional=True),
    )


def _count(raw: Mapping[str, Any], name: str, default: int) -> int:
    value = raw.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3650:
        raise PolicyError(f"bot.policy.{name} must be a whole number of days between 0 and 3650")
    return value


def _code(value: Any, name: str, length: int, *, optional: bool = False) -> str:
    if optional and value in ("", None):
        return ""
    if not isinstance(value, str) or len(value) != length or not value.isalpha():
        raise PolicyError(f"bot.policy.{name} must be a {length}-letter code")
    return value.upper()


def _money(value: Any, name: str) -> Decimal | None:
    if value is None:
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise PolicyError(f"bot.policy.{name} must be an amount") from None
    if not amount.is_finite() or amount < 0:
        raise PolicyError(f"bot.policy.{name} must be an amount of zero or more")
    return amount


def _rule(raw: Any, index: int) -> ShippingRule:
    where = f"shipping[{index}]"
    if not isinstance(raw, Mapping):
        raise PolicyError(f"bot.policy.{where} must be an object")
    countries = raw.get("countries")
    if not isinstance(countries, list) or not countries:
        raise PolicyError(f"bot.policy.{where}.countries must be a non-empty list")
    codes = tuple(c if c == ANY_COUNTRY else _code(c, f"{where}.countries", 2) for c in countries)
    cost = _money(raw.get("cost"), f"{where}.cost")
    if cost is None:
        raise PolicyError(f"bot.policy.{where}.cost is required")
    days = raw.get("transit_days")
    if not isinstance(days, str | int) or isinstance(days, bool) or not str(days).strip():
        raise PolicyError(f"bot.policy.{where}.transit_days must be a number of days or a range like '3-5'")
    return ShippingRule(codes, cost, str(days).strip(), _money(raw.get("free_over"), f"{where}.free_over"))
