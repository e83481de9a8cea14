"""Which order, and is this the customer who placed it? Nothing about an order is said before both.

An order is verified by the email or phone on it: the one the channel vouches for (``Turn.contact``),
one that already verified another order in this conversation, or one the customer types now. Three
wrong answers hand the conversation to a person. Verification lasts for the conversation.
"""

from __future__ import annotations

from enum import Enum

from babeldesk.bot import slots
from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import day, order_ref
from babeldesk.bot.talk import Talk
from babeldesk.commerce.contact import contact_matches, normalize_number
from babeldesk.commerce.models import Order

MAX_FAILED_VERIFICATIONS = 3
MAX_LISTED_ORDERS = 5


async def verified_order(talk: Talk) -> Order | None:
    """The order the conversation is about, once verified; otherwise asks what is missing and returns None."""
    state = talk.state
    if state.order is None and not await _from_contact(talk):
        talk.ask("ask_order_number", "order")
        return None
    if state.order is None:
        return None
    order = await talk.ctx.store.find_order(state.order)
    if order is None:
        # A second wrong number in a row counts as a miss: guessing numbers ends with a person.
        missed = talk.reask if talk.awaiting == "order" else talk.say
        missed("order_not_found", order=order_ref(state.order))
        state.orders = [n for n in state.orders if n != state.order]
        state.order = None
        state.step = "order"
        return None
    if order.number != state.order:
        # found by its digits ("bd2047" for "BD-2047"): the shop's spelling from here on
        state.orders = [order.number if n == state.order else n for n in state.orders]
        state.order = order.number
    if order.number in state.verified or _known_contact(talk, order):
        return _verified(talk, order)
    return _check_given(talk, order)


def _verified(talk: Talk, order: Order) -> Order:
    state = talk.state
    if order.number not in state.verified:
        state.verified.append(order.number)
        talk.act("verify_order", order.number)
    if state.step in ("order", "verify", "choose"):
        state.step = None
        talk.progressed()
    return order


def _known_contact(talk: Talk, order: Order) -> bool:
    contact = talk.turn.contact
    known = [contact.email, contact.phone, *talk.state.verified_contacts]
    return any(contact_matches(order, value) for value in known if value)


def _check_given(talk: Talk, order: Order) -> Order | None:
    state = talk.state
    given = slots.contacts(talk.text)
    if not given:
        # one typed earlier, before this order came up, counts if it matches; if not, it was no attempt
        earlier = [value for value in state.offered_contacts if contact_matches(order, value)]
        if earlier:
            state.verified_contacts = list(dict.fromkeys([*state.verified_contacts, *earlier]))
            return _verified(talk, order)
        talk.ask("ask_verification", "verify", order=order_ref(order.number))
        return None
    matching = [value for value in given if contact_matches(order, value)]
    if matching:
        state.verified_contacts = list(dict.fromkeys([*state.verified_contacts, *matching]))
        return _verified(talk, order)
    state.failed_verifications += 1
    if state.failed_verifications >= MAX_FAILED_VERIFICATIONS:
        talk.say("verification_locked")
        talk.hand_off(HandoffReason.POLICY, announced=True)
        return None
    state.step = "verify"
    talk.say("verification_failed", order=order_ref(order.number))
    return None


async def _from_contact(talk: Talk) -> bool:
    """With a contact the channel vouches for, find the customer's orders instead of asking for a number.

    True when an order was chosen (one order) or a list was offered (several).
    """
    contact = talk.turn.contact
    if not (contact.email or contact.phone):
        return False
    orders = list(await talk.ctx.store.orders_for_contact(email=contact.email, phone=contact.phone))
    if not orders:
        return False
    if len(orders) == 1:
        talk.state.order = orders[0].number
        talk.state.orders.append(orders[0].number)
        return True
    listed = orders[:MAX_LISTED_ORDERS]
    talk.state.candidates = [o.number for o in listed]
    timezone = contact.timezone
    choices = "; ".join(
        f"{i}) {order_ref(o.number)} ({day(o.placed_at, timezone, talk.language)})"
        for i, o in enumerate(listed, 1)
    )
    talk.ask("which_order", "choose", orders=choices)
    return True


class Switch(Enum):
    NAMED = "named"  # "sorry, I meant 1002"
    OTHER = "other"  # "no, the other order"


def _corrected(talk: Talk, current: str) -> list[str]:
    """ "Sorry, wrong order: the one I mean is 5280": one other number as long as the order's, in a
    message that speaks of an order, of a mistake ("wrong number, it's 5503") or of another one ("no,
    the other, 8154"); a postal code or an amount can be as long, and say none of these."""
    same = {n for n in slots.loose_numbers(talk.text) if len(n) == len(current) and n != current}
    text, language = talk.text, talk.language
    said = slots.mentions_order(text) or slots.admits_mistake(text, language)
    said = said or slots.wants_other(text, language)
    return list(same) if len(same) == 1 and said else []


def _by_place(talk: Talk, orders: list[str], current: str) -> list[str]:
    """ "No, sorry, I meant the second order": of the orders the customer named, the one picked by
    its place in words, in a message that takes back what the bot took ("no", "I meant")."""
    backs = slots.admits_mistake(talk.text, talk.language) or slots.yes_no(talk.text, talk.language) is False
    index = slots.place(talk.text, talk.language, len(orders)) if backs else None
    return [orders[index]] if index is not None and orders[index] != current else []


def take_order(talk: Talk) -> Switch | None:
    """Fill or correct the order slot from this turn: a number, a pick from the list offered, or "the
    other one". Says how it replaced an order the conversation was already about, if it did."""
    state = talk.state
    how = Switch.NAMED
    found = slots.order_numbers(talk.text)
    if not found and talk.awaiting in ("order", "choose"):
        found = slots.loose_numbers(talk.text)[:1]
    if not found and state.order is None:
        # Nothing known yet: "1002 is late" is about order 1002; a wrong guess gets "not found". The
        # first number is the one meant; the rest are kept as the customer's orders ("I have two:
        # 2318 and 2406", then "no, I meant the second").
        found = list(dict.fromkeys(n for n in slots.loose_numbers(talk.text) if len(n) >= 4))
    if not found and state.order is not None and slots.mentions_order(talk.text):
        # "목도리 주문한 거(7718)는 언제 와요?": a number as long as the shop's order numbers, in a
        # message about an order, is one even when words stand between them.
        found = [n for n in slots.loose_numbers(talk.text) if len(n) == len(state.order)]
    if not found and talk.awaiting == "choose" and state.candidates:
        index = slots.choice(talk.text, talk.language, len(state.candidates))
        found = [state.candidates[index]] if index is not None else []
    if not found and state.order is not None and talk.awaiting != "verify":
        found = _corrected(talk, state.order)
    if not found and state.order and slots.wants_other(talk.text, talk.language):
        others = [n for n in dict.fromkeys([*state.orders, *state.candidates]) if n != state.order]
        found, how = (others if len(others) == 1 else []), Switch.OTHER
    if not found and state.order and len(state.orders) >= 2:
        found, how = _by_place(talk, state.orders, state.order), Switch.OTHER
    if not found:
        return None
    # A message that names the order spoken of and another one is about the other one ("wrong
    # number: not 6030, the one to cancel is 6047"): the order already meant needs no naming.
    numbers = sorted((normalize_number(n) for n in found), key=lambda n: n == state.order)
    state.orders += [n for n in dict.fromkeys(numbers) if n not in state.orders]
    previous, state.order = state.order, numbers[0]
    return how if previous is not None and previous != numbers[0] else None
