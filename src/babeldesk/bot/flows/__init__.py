"""One module per flow. A flow is an async function of a ``Talk``, run again on every turn until it
finishes: it reads what the state already holds, takes what this turn adds, and asks for the rest."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from babeldesk.bot.flows import (
    cancel,
    change_address,
    customs,
    delay,
    faq,
    order_status,
    refund,
    returns,
    shipping,
    smalltalk,
    tracking,
)
from babeldesk.bot.talk import Talk

Flow = Callable[[Talk], Awaitable[None]]

FLOWS: dict[str, Flow] = {
    "order_status": order_status.run,
    "tracking": tracking.run,
    "delay": delay.run,
    "returns": returns.run,
    "refund": refund.run,
    "cancel": cancel.run,
    "address": change_address.run,
    "shipping": shipping.run,
    "customs": customs.run,
    "faq": faq.run,
    "greeting": smalltalk.greeting,
    "thanks": smalltalk.thanks,
}

# Intent → (flow, return reason). Intents absent here are handled by the manager (hand-offs).
INTENT_FLOWS: dict[str, tuple[str, str | None]] = {
    "order_status": ("order_status", None),
    "track_shipment": ("tracking", None),
    "delivery_delay": ("delay", None),
    "return_defective": ("returns", "defective"),
    "return_changed_mind": ("returns", "changed_mind"),
    "refund_status": ("refund", None),
    "cancel_order": ("cancel", None),
    "change_address": ("address", None),
    "shipping_cost_and_time": ("shipping", None),
    "customs_and_duties": ("customs", None),
    "product_question": ("faq", None),
    "size_advice": ("faq", None),
    "payment_problem": ("faq", None),
    "invoice_request": ("faq", None),
    "other": ("faq", None),
    "greeting": ("greeting", None),
    "thanks": ("thanks", None),
}


def flow_for(intent: str) -> tuple[str, str | None]:
    """The flow for an intent; a seller's own intents go to the knowledge base, which is where their
    answers are."""
    return INTENT_FLOWS.get(intent, ("faq", None))


# Intents about one order: their flows verify it first.
ORDER_INTENTS = frozenset(
    intent
    for intent, (flow, _) in INTENT_FLOWS.items()
    if flow not in ("shipping", "customs", "faq", "greeting", "thanks")
)
# Intents that never interrupt a flow in progress: a mid-flow "ok thanks" or an email address that
# the model files under "other" is an answer to the flow, not a new request.
QUIET_INTENTS = frozenset({"other", "greeting", "thanks"})
