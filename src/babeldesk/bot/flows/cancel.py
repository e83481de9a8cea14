"""Cancel an order: only before it ships (policy and store agree), only after the customer says yes."""

from __future__ import annotations

from babeldesk.bot import items, slots
from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import money, order_ref
from babeldesk.bot.flows.order_status import say_status
from babeldesk.bot.flows.verify import verified_order
from babeldesk.bot.lexicon import Table
from babeldesk.bot.policy import can_change_before_shipping
from babeldesk.bot.talk import Talk
from babeldesk.commerce.models import Order, OrderStatus, RefundState
from babeldesk.commerce.store import NotAllowed

REASON = "cancelled by the customer in a chat with the bot"


async def run(talk: Talk) -> None:
    talk.state.heard(talk.text)
    order = await verified_order(talk)
    if order is None:
        return
    ref = order_ref(order.number)
    if await _some_items_only(talk, order):
        # "sacame solo el termo, el mate y la bombilla sí los quiero": the store cancels whole
        # orders; taking one item out is a person's work
        talk.hand_off(HandoffReason.POLICY)
        return
    if order.status in (OrderStatus.CANCELLED, OrderStatus.REFUNDED):
        say_status(talk, order)
        talk.finish()
    elif not can_change_before_shipping(order):
        talk.say("cancel_not_allowed", order=ref)
        talk.finish()
    elif talk.pending == "cancel":
        await _answer(talk, order)
    else:
        if order.refund.state is RefundState.NONE and slots.asks(talk.text, talk.language, Table.REFUND):
            # "I e-mailed to cancel last night: when is my money back?" — the order was never cancelled
            talk.say("refund_none", order=ref)
        talk.confirm("cancel_confirm", "cancel", order=ref)


async def _answer(talk: Talk, order: Order) -> None:
    if talk.asked_back():  # "So it isn't cancelled yet? Can that still be done?": the offer is the answer
        talk.say("cancel_confirm", order=order_ref(order.number))
        return
    answer = talk.yes_or_no()
    if answer is None:
        return
    if answer:
        await _cancel(talk, order)
    talk.finish()


async def _some_items_only(talk: Talk, order: Order) -> bool:
    """Whether the request names some of the order's items, not all, and says "only" or "keep"; or
    asks for one item of several ("cancel 1 barang aja"), whichever it names."""
    lines = order.items
    said = talk.state.request()
    if len(lines) < 2:
        return False
    if slots.find_phrases(said, (Table.ONE_ITEM,), talk.language):
        return True
    if not slots.find_phrases(said, (Table.ONLY, Table.KEEP), talk.language):
        return False
    titles = [line.title for line in lines]
    named = items.names(said, titles, await items.across(said, titles, talk.language, talk.ctx.words_alike))
    return 0 < len(named) < len(lines)


async def _cancel(talk: Talk, order: Order) -> None:
    ref = order_ref(order.number)
    try:
        cancelled = await talk.ctx.store.cancel_order(order.number, reason=REASON)
    except NotAllowed:
        talk.say("cancel_not_allowed", order=ref)
        return
    talk.act("cancel_order", order.number)
    if order.status is OrderStatus.PENDING:
        talk.say("cancel_done_unpaid", order=ref)
    else:
        amount = cancelled.refund.amount if cancelled.refund.amount > 0 else order.total
        talk.say("cancel_done", order=ref, amount=money(amount, order.currency, talk.language))
