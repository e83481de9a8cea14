"""A late order: not shipped yet (when it will ship, by policy), on its way (where the parcel is, then
the carrier's expected date), held up by the carrier (an exception: a person takes it), or no date at
all (a colleague asks the carrier)."""

from __future__ import annotations

from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import day, order_ref
from babeldesk.bot.flows.tracking import latest_shipment, not_received, report, tell_delivered
from babeldesk.bot.flows.verify import verified_order
from babeldesk.bot.policy import is_delivered
from babeldesk.bot.talk import Talk


async def run(talk: Talk) -> None:
    order = await verified_order(talk)
    if order is None:
        return
    timezone = talk.turn.contact.timezone
    shipment = latest_shipment(order)
    if not order.has_shipped:
        talk.say("delay_not_shipped", order=order_ref(order.number), days=talk.ctx.policy.ship_within_days)
    elif is_delivered(order):
        delivered = order.delivered_at or (shipment.delivered_at if shipment else None)
        if delivered is not None:
            tell_delivered(talk, order, delivered)
            if not_received(talk):  # "it's late" about a parcel the carrier calls delivered
                talk.hand_off(HandoffReason.POLICY, announced=True)
                return
    else:
        if shipment is not None:
            # "It's been ten days": where the parcel is says more than a date alone, and a failed
            # delivery attempt is news the customer needs before any date.
            await report(talk, order, dated=False)
            if talk.handoff is not None:
                return
        expected = shipment.estimated_delivery if shipment else None
        if expected is None or expected < talk.ctx.now:
            talk.say("delay_unknown")
            talk.hand_off(HandoffReason.POLICY, announced=True)
            return
        talk.say("delay_expected", date=day(expected, timezone, talk.language))
    talk.finish()
