"""Refund status, as the store records it."""

from __future__ import annotations

from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import day, money, order_ref
from babeldesk.bot.flows.verify import verified_order
from babeldesk.bot.talk import Talk
from babeldesk.commerce.models import RefundState


async def run(talk: Talk) -> None:
    order = await verified_order(talk)
    if order is None:
        return
    refund = order.refund
    facts = {"order": order_ref(order.number), "amount": money(refund.amount, order.currency, talk.language)}
    if refund.state is RefundState.REFUNDED and refund.at is not None:
        talk.say("refund_refunded", date=day(refund.at, talk.turn.contact.timezone, talk.language), **facts)
    elif refund.state is RefundState.REFUNDED:
        # Refunded on a date the store did not record: a person looks it up rather than the bot guessing.
        talk.hand_off(HandoffReason.POLICY)
        return
    else:
        talk.say(f"refund_{refund.state.value}", **facts)
    if refund.state is RefundState.REJECTED:
        talk.hand_off(HandoffReason.POLICY, announced=True)
        return
    talk.finish()
