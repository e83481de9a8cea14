"""Refund status, as the store records it; asking to send an item back for the money is a return."""

from __future__ import annotations

from babeldesk.bot import slots
from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import day, money, order_ref
from babeldesk.bot.flows import returns
from babeldesk.bot.flows.verify import verified_order
from babeldesk.bot.lexicon import Table
from babeldesk.bot.policy import can_change_before_shipping, is_delivered
from babeldesk.bot.talk import Talk
from babeldesk.commerce.models import Order, OrderStatus, RefundState, ReturnReason


async def run(talk: Talk) -> None:
    order = await verified_order(talk)
    if order is None:
        return
    refund = order.refund
    if refund.state is RefundState.NONE and _asks_to_send_back(talk, order):
        await _as_return(talk)
        return
    if refund.state is RefundState.NONE and _cancellable(order):
        # "I ordered it yesterday and don't need it any more: can I have the money back?" The way
        # to the money for an order not yet shipped is to cancel it; the bot asks before it does.
        talk.say("refund_none", order=order_ref(order.number))
        talk.state.flow, talk.state.intent = "cancel", "cancel_order"
        talk.confirm("cancel_confirm", "cancel", order=order_ref(order.number))
        return
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


def _cancellable(order: Order) -> bool:
    return can_change_before_shipping(order) and order.status not in (
        OrderStatus.CANCELLED,
        OrderStatus.REFUNDED,
    )


def _asks_to_send_back(talk: Talk, order: Order) -> bool:
    """ "Can I still return it and get my money back?" about a delivered order with no refund on
    record: the model hears the money; the customer is asking for a return."""
    return is_delivered(order) and bool(slots.find_phrases(talk.text, (Table.SEND_BACK,), talk.language))


async def _as_return(talk: Talk) -> None:
    """The return flow from here, of the kind the words or the model's second choice tell; neither
    (no defect named, no reason heard) and the return flow asks why."""
    state, runner_up = talk.state, talk.turn.understanding.runner_up
    if slots.find_phrases(talk.text, (Table.DEFECT,), talk.language):
        state.return_reason = ReturnReason.DEFECTIVE.value
    elif runner_up == "return_changed_mind":
        state.return_reason = ReturnReason.CHANGED_MIND.value
    state.flow = "returns"
    if state.return_reason is not None:
        state.intent = f"return_{state.return_reason}"
    await returns.run(talk)
