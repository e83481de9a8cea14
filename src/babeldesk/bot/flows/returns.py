"""Returns, two paths. Defective (damaged, faulty, wrong item): a photo, then a replacement or a
refund, at the seller's cost. Changed mind: only within the policy's window from delivery; the
customer hears who pays the return shipping before saying yes.

Of an order with several items only those the customer means go back: the one a message names by its
title, else the ones picked from a numbered list — never the whole order by default."""

from __future__ import annotations

from babeldesk.bot import items, slots
from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import day, order_ref
from babeldesk.bot.flows.verify import verified_order
from babeldesk.bot.lexicon import Table
from babeldesk.bot.policy import Payer, delivered_on, is_delivered
from babeldesk.bot.talk import Talk
from babeldesk.commerce.models import Order, ReturnReason
from babeldesk.commerce.store import NotAllowed

_REASONS = {"return_defective": ReturnReason.DEFECTIVE, "return_changed_mind": ReturnReason.CHANGED_MIND}
_RESOLUTIONS = {Table.REFUND: "refund", Table.REPLACEMENT: "replacement"}


async def run(talk: Talk) -> None:
    talk.state.heard(talk.text)
    order = await verified_order(talk)
    if order is None:
        return
    if not is_delivered(order):
        talk.say("return_not_delivered", order=order_ref(order.number))
        if talk.state.intent == "return_changed_mind":
            # "I'll send it back once it's here; who pays the postage?": what the policy says now
            _say_payer(talk)
        talk.finish()
        return
    if any(slots.find_phrases(text, (Table.MISSING,), talk.language) for text in talk.state.return_texts):
        # "il manque la théière": nothing to send back; a person checks the packing and sends it
        talk.hand_off(HandoffReason.POLICY)
        return
    reason = _reason(talk)
    if reason is None:
        talk.ask("return_which_reason", "reason")
    elif not await _items_known(talk, order, reason):
        return
    elif reason is ReturnReason.DEFECTIVE:
        await _defective(talk, order)
    else:
        await _changed_mind(talk, order)


def _reason(talk: Talk) -> ReturnReason | None:
    state = talk.state
    if state.return_reason is None:
        understood = talk.turn.understanding.intent
        if understood in _REASONS and (talk.awaiting == "reason" or state.intent == understood):
            state.return_reason = _REASONS[understood].value
        elif slots.find_phrases(talk.text, (Table.DEFECT,), talk.language):
            state.return_reason = ReturnReason.DEFECTIVE.value
    return ReturnReason(state.return_reason) if state.return_reason else None


async def _items_known(talk: Talk, order: Order, reason: ReturnReason) -> bool:
    """Whether the items to return are known; if not, the customer is asked to pick them."""
    state = talk.state
    lines = order.items
    if state.return_skus or len(lines) < 2 or not all(line.sku for line in lines):
        return True
    if reason is ReturnReason.DEFECTIVE and talk.turn.images:
        state.photo_received = True  # the photo came first: it is not asked for again
    titles = [line.title for line in lines]
    alike = talk.ctx.words_alike
    if talk.awaiting == "items":  # the answer to the list: its numbers, else the title it names
        picked = slots.choices(talk.text, talk.language, len(lines)) or items.names(
            talk.text, titles, await items.across(talk.text, titles, talk.language, alike)
        )
    else:  # anything the request said so far ("one of the mugs is broken")
        said = state.request()
        picked = items.meant(
            said, titles, talk.language, await items.across(said, titles, talk.language, alike)
        )
    if len(picked) == 1 or (picked and talk.awaiting == "items"):
        state.return_skus = [lines[i].sku for i in picked]
        talk.progressed()
        return True
    listed = "; ".join(f"{n}. {line.quantity} × {line.title}" if line.quantity > 1 else f"{n}. {line.title}"
                       for n, line in enumerate(lines, start=1))  # fmt: skip
    talk.ask("return_which_item", "items", items=listed)
    return False


async def _defective(talk: Talk, order: Order) -> None:
    state = talk.state
    if not state.photo_received:
        if talk.turn.images == 0:
            if talk.awaiting == "photo" and slots.yes_no(talk.text, talk.language) is False:
                talk.hand_off(HandoffReason.POLICY)  # no photo to send: a person decides
                return
            talk.ask("return_defective_ask_photo", "photo")
            return
        state.photo_received = True
        talk.progressed()
    if state.resolution is None:
        # The latest message of the request that names one: "please exchange it for black" in the
        # first message is not asked again when the photo comes.
        picks = (slots.pick(text, talk.language, Table.REFUND, Table.REPLACEMENT) for text in _latest(talk))
        picked = next((p for p in picks if p is not None), None)
        if picked is None:
            talk.ask("return_defective_offer", "resolution")
            return
        state.resolution = _RESOLUTIONS[picked]
    reference = await _create(talk, order, ReturnReason.DEFECTIVE, state.resolution)
    if reference is None:
        return
    resolution = talk.render(f"resolution_{state.resolution}")
    talk.say("return_defective_created", reference=reference, resolution=resolution)
    talk.finish()


async def _changed_mind(talk: Talk, order: Order) -> None:
    if talk.pending == "return":
        if talk.asked_back():  # "and is the return postage free?": who pays, and the question again
            _say_payer(talk)
            talk.say("return_confirm", order=order_ref(order.number))
            return
        answer = talk.yes_or_no()
        if answer is None:
            return
        if answer:
            reference = await _create(talk, order, ReturnReason.CHANGED_MIND, "refund")
            if reference is None:
                return
            talk.say("return_created", reference=reference)
        talk.finish()
        return
    policy, timezone = talk.ctx.policy, talk.turn.contact.timezone
    delivered, deadline = delivered_on(order), policy.return_deadline(order)
    if delivered is None or deadline is None:
        talk.hand_off(HandoffReason.POLICY)  # delivered on a date the store does not know: a person checks
        return
    if talk.ctx.now > deadline:
        talk.say(
            "return_window_closed",
            days=policy.return_window_days,
            date=day(delivered, timezone, talk.language),
        )
        talk.finish()
        return
    talk.say(
        "return_window_open", days=policy.return_window_days, date=day(deadline, timezone, talk.language)
    )
    _say_payer(talk)
    talk.confirm("return_confirm", "return", order=order_ref(order.number))


def _say_payer(talk: Talk) -> None:
    """Who pays the postage of a changed-mind return, as the policy says."""
    paid_by_customer = talk.ctx.policy.return_payer(ReturnReason.CHANGED_MIND) is Payer.CUSTOMER
    talk.say("return_shipping_customer" if paid_by_customer else "return_shipping_free")


def _latest(talk: Talk) -> list[str]:
    """This turn's text, then the request's earlier ones, newest first."""
    return [talk.text, *reversed(talk.state.return_texts[:-1])]


async def _create(talk: Talk, order: Order, reason: ReturnReason, resolution: str) -> str | None:
    try:
        created = await talk.ctx.store.create_return(
            order.number, reason=reason, skus=talk.state.return_skus or [i.sku for i in order.items],
            resolution=resolution,
            note=f"opened by the bot; reason {reason.value}, resolution {resolution}",
        )  # fmt: skip
    except NotAllowed:
        talk.hand_off(HandoffReason.POLICY)
        return None
    talk.act("create_return", order.number, reason=reason.value, resolution=resolution)
    return created.reference
