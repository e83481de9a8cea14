"""Order status: when it was placed, where it stands, what is in it, and where its parcel is."""

from __future__ import annotations

from babeldesk.bot import slots
from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import day, items, order_ref
from babeldesk.bot.flows import tracking
from babeldesk.bot.flows.verify import verified_order
from babeldesk.bot.lexicon import Table
from babeldesk.bot.talk import Talk
from babeldesk.commerce.models import Order, OrderStatus


async def run(talk: Talk) -> None:
    talk.state.heard(talk.text)
    order = await verified_order(talk)
    if order is None:
        return
    if order.status is OrderStatus.PENDING and _paid_in_words(talk):
        # "I transferred yesterday, it still says awaiting payment": the payment records decide, and
        # the bot cannot see them
        talk.hand_off(HandoffReason.POLICY)
        return
    say_status(talk, order)
    if order.status is OrderStatus.PAID and not order.has_shipped:
        # "when will it arrive?" about an order still in the warehouse: when it leaves, by policy
        talk.say("status_ships_within", days=talk.ctx.policy.ship_within_days)
    if order.status is OrderStatus.SHIPPED:
        # "Where is my order?" about a parcel on its way wants to know where it is, not just "shipped".
        await tracking.report(talk, order)
    if talk.handoff is None:
        talk.finish()


def say_status(talk: Talk, order: Order) -> None:
    talk.say(
        "order_status",
        order=order_ref(order.number),
        date=day(order.placed_at, talk.turn.contact.timezone, talk.language),
        status=talk.render(f"status_{order.status.value}"),
        items=items(order),
    )


def _paid_in_words(talk: Talk) -> bool:
    return bool(slots.find_phrases(talk.state.request(), (Table.PAID,), talk.language))
