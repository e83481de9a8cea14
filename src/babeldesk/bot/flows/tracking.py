"""Tracking: the carrier, the tracking number, what the parcel's state means, and the latest event.

The carrier's own events are asked for first; when the carrier does not answer, the events the store
holds are used, so a slow tracking API never leaves the customer without the facts we have.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from babeldesk.bot import slots
from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import day, order_ref
from babeldesk.bot.flows.verify import verified_order
from babeldesk.bot.lexicon import Table
from babeldesk.bot.talk import Talk
from babeldesk.commerce.models import Order, OrderStatus, Shipment, TrackingEvent, TrackingState
from babeldesk.commerce.store import StoreUnavailable

# States in which the carrier's expected date is news ("out for delivery" already says today).
_ON_THE_WAY = frozenset({TrackingState.LABEL_CREATED, TrackingState.IN_TRANSIT, TrackingState.CUSTOMS})


def latest_shipment(order: Order) -> Shipment | None:
    if not order.shipments:
        return None
    dated = [s for s in order.shipments if s.shipped_at is not None]
    return max(dated, key=lambda s: s.shipped_at or 0) if dated else order.shipments[-1]


async def shipment_events(talk: Talk, shipment: Shipment) -> Sequence[TrackingEvent]:
    try:
        events = await talk.ctx.carrier.track(shipment.tracking_number, carrier=shipment.carrier)
    except StoreUnavailable:
        events = ()
    return sorted(events or shipment.events, key=lambda e: e.at)


async def run(talk: Talk) -> None:
    order = await verified_order(talk)
    if order is None:
        return
    await report(talk, order)
    if talk.handoff is None:
        talk.finish()


async def report(talk: Talk, order: Order, *, dated: bool = True) -> None:
    """Where the order's latest parcel is; a carrier exception goes to a person. Without ``dated`` the
    carrier's expected date is left to the caller (the delay flow says it as an answer to the wait)."""
    shipment = latest_shipment(order)
    if shipment is None:
        talk.say("tracking_none", order=order_ref(order.number))
        if order.status is OrderStatus.PAID:  # "when will it come?": when it leaves, by policy
            talk.say("status_ships_within", days=talk.ctx.policy.ship_within_days)
        return
    events = await shipment_events(talk, shipment)
    state = events[-1].state if events else shipment.state
    talk.say(
        "tracking_summary", order=order_ref(order.number), carrier=shipment.carrier,
        tracking=shipment.tracking_number,
    )  # fmt: skip
    timezone = talk.turn.contact.timezone
    if state is TrackingState.DELIVERED:
        delivered = shipment.delivered_at or order.delivered_at or (events[-1].at if events else None)
        if delivered is not None:
            tell_delivered(talk, order, delivered)
    else:
        talk.say(f"tracking_{state.value}")
        expected = shipment.estimated_delivery
        if dated and state in _ON_THE_WAY and expected is not None and expected >= talk.ctx.now:
            talk.say("tracking_expected", date=day(expected, timezone, talk.language))
    if events:
        latest = events[-1]
        where = f" — {latest.location}" if latest.location else ""
        talk.say(
            "tracking_last_event",
            date=day(latest.at, timezone, talk.language),
            event=f"{latest.description}{where}",
        )
    if state is TrackingState.EXCEPTION or (state is TrackingState.DELIVERED and not_received(talk)):
        # a failed delivery, or "delivered" to a customer who says it never came: a person takes it
        # up with the carrier
        talk.hand_off(HandoffReason.POLICY, announced=True)


def tell_delivered(talk: Talk, order: Order, delivered: datetime) -> None:
    """The carrier's delivery date, remembered: "but I never got it" next is a case for a person."""
    talk.say("tracking_delivered", date=day(delivered, talk.turn.contact.timezone, talk.language))
    talk.state.delivered_told = order.number


def not_received(talk: Talk) -> bool:
    return bool(slots.find_phrases(talk.text, (Table.NOT_RECEIVED,), talk.language))
