"""Workspace policy: defaults, what each field means for orders, and clear errors for bad settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from babeldesk.bot.policy import Payer, Policy, PolicyError, can_change_before_shipping, policy_from_settings
from babeldesk.commerce.models import Order, OrderStatus, ReturnReason, Shipment, TrackingState

DELIVERED = datetime(2025, 3, 1, 15, tzinfo=UTC)


def order(status: OrderStatus, **fields: object) -> Order:
    return Order("1001", status, datetime(2025, 2, 20, tzinfo=UTC), "ana@example.com", "EUR", Decimal("10"),
                 **fields)  # type: ignore[arg-type]  # fmt: skip


def test_defaults_without_settings() -> None:
    nothing: tuple[dict[str, Any] | None, ...] = (None, {}, {"bot": {}}, {"bot": {"policy": None}})
    for settings in nothing:
        assert policy_from_settings(settings) == Policy()
    assert Policy().return_window_days == 30
    assert Policy().return_payer(ReturnReason.CHANGED_MIND) is Payer.CUSTOMER


def test_settings_are_read() -> None:
    policy = policy_from_settings({"bot": {"policy": {
        "return_window_days": 14, "changed_mind_return_paid_by": "seller", "ship_within_days": 1,
        "currency": "jpy", "customs_origin": "jp", "free_shipping_over": 5000,
        "shipping": [{"countries": ["JP"], "cost": "500", "transit_days": 2},
                     {"countries": ["*"], "cost": "2500", "transit_days": "7-10", "free_over": "20000"}],
    }}})  # fmt: skip
    assert policy.return_window_days == 14 and policy.currency == "JPY" and policy.customs_origin == "JP"
    assert policy.return_payer(ReturnReason.CHANGED_MIND) is Payer.SELLER
    japan, anywhere = policy.shipping_rule("jp"), policy.shipping_rule("BR")
    assert japan is not None and japan.cost == Decimal(500) and japan.transit_days == "2"
    assert policy.free_threshold(japan) == Decimal(5000)
    assert anywhere is not None and policy.free_threshold(anywhere) == Decimal(20000)


def test_defective_returns_are_always_on_the_seller() -> None:
    policy = Policy(changed_mind_return_paid_by=Payer.CUSTOMER)
    assert policy.return_payer(ReturnReason.DEFECTIVE) is Payer.SELLER


def test_return_window_starts_at_delivery() -> None:
    policy = Policy(return_window_days=30)
    assert policy.return_deadline(
        order(OrderStatus.DELIVERED, delivered_at=DELIVERED)
    ) == DELIVERED + timedelta(30)
    on_shipment = Shipment("GLS", "GL1", TrackingState.DELIVERED, delivered_at=DELIVERED)
    assert policy.return_deadline(
        order(OrderStatus.DELIVERED, shipments=(on_shipment,))
    ) == DELIVERED + timedelta(30)
    assert policy.return_deadline(order(OrderStatus.PAID)) is None


def test_no_rule_for_a_country_means_no_answer() -> None:
    assert Policy().shipping_rule("DE") is None


def test_changes_only_before_shipping() -> None:
    assert can_change_before_shipping(order(OrderStatus.PAID))
    assert can_change_before_shipping(order(OrderStatus.PENDING))
    assert not can_change_before_shipping(order(OrderStatus.SHIPPED))
    assert not can_change_before_shipping(order(OrderStatus.CANCELLED))
    label = Shipment("DHL", "JD1", TrackingState.LABEL_CREATED)
    assert not can_change_before_shipping(order(OrderStatus.PAID, shipments=(label,)))


@pytest.mark.parametrize(
    ("policy", "field"),
    [
        ("thirty", "bot.policy must be an object"),
        ({"return_window_days": "30"}, "return_window_days"),
        ({"return_window_days": -1}, "return_window_days"),
        ({"changed_mind_return_paid_by": "nobody"}, "changed_mind_return_paid_by"),
        ({"currency": "euro"}, "currency"),
        ({"free_shipping_over": "lots"}, "free_shipping_over"),
        ({"free_shipping_over": "-5"}, "free_shipping_over"),
        ({"shipping": {"DE": 5}}, "shipping must be a list"),
        ({"shipping": [{"countries": [], "cost": 1, "transit_days": 2}]}, "shipping[0].countries"),
        ({"shipping": [{"countries": ["Germany"], "cost": 1, "transit_days": 2}]}, "shipping[0].countries"),
        ({"shipping": [{"countries": ["DE"], "transit_days": 2}]}, "shipping[0].cost"),
        ({"shipping": [{"countries": ["DE"], "cost": 1}]}, "shipping[0].transit_days"),
    ],
)
def test_bad_settings_name_the_field(policy: object, field: str) -> None:
    with pytest.raises(PolicyError, match=field.replace("[", r"\[").replace("]", r"\]")):
        policy_from_settings({"bot": {"policy": policy}})
