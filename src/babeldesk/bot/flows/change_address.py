"""Change the delivery address: only before the order ships; the new address is read back and
changes only after the customer's yes. A shipped order goes to a person, who can ask the carrier."""

from __future__ import annotations

from dataclasses import asdict, replace

from babeldesk.bot import slots
from babeldesk.bot.address import one_line, parse_address, part_corrected, postal_codes
from babeldesk.bot.context import HandoffReason
from babeldesk.bot.facts import order_ref
from babeldesk.bot.flows.verify import verified_order
from babeldesk.bot.policy import can_change_before_shipping
from babeldesk.bot.talk import Talk
from babeldesk.commerce.models import Address, Order
from babeldesk.commerce.store import NotAllowed

_KEPT_PIECES = 2


async def run(talk: Talk) -> None:
    order = await verified_order(talk)
    if order is None:
        return
    if not can_change_before_shipping(order):
        _not_allowed(talk, order)
        return
    if talk.pending == "address" and talk.state.address_draft is not None:
        await _answer(talk, order, Address(**talk.state.address_draft))
        return
    _read_address(talk, order)


def _read_address(talk: Talk, order: Order) -> None:
    current = order.shipping_address
    name, country = (current.name, current.country) if current else (talk.turn.contact.name, "")
    # An address typed over two messages ("Flat 12B, Sunshine Towers", then "Mumbai 400053"): the
    # pieces so far are read together with this one.
    pieces = [*talk.state.address_parts, talk.text] if talk.awaiting == "address" else [talk.text]
    parsed = parse_address(talk.text, name=name, default_country=country)
    if parsed is None and current is not None and talk.awaiting != "address":
        # "only the postcode must be 80469, not 80496": the address on the order, that part corrected
        parsed = _postal_code_fixed(talk.text, current, named_old=True)
    if parsed is None and len(pieces) > 1:
        parsed = parse_address("\n".join(pieces), name=name, default_country=country)
    keep = parsed is None and talk.awaiting == "address"  # the request itself is no piece of an address
    talk.state.address_parts = pieces[-_KEPT_PIECES:] if keep else []
    if parsed is not None:
        _read_back(talk, order, parsed)
    elif talk.awaiting == "address":
        talk.reask("address_unreadable")
    else:
        talk.ask("address_ask_new", "address")


def _read_back(talk: Talk, order: Order, address: Address) -> None:
    """Keep ``address`` as the draft and ask the customer to confirm it."""
    talk.progressed()
    talk.state.address_draft = {k: str(v) for k, v in asdict(address).items()}
    talk.confirm(
        "address_confirm", "address", order=order_ref(order.number), address=one_line(address, talk.language)
    )


async def _answer(talk: Talk, order: Order, draft: Address) -> None:
    answer = slots.yes_no(talk.text, talk.language)
    fixed = (
        None if answer is True else _postal_code_fixed(talk.text, draft) or part_corrected(talk.text, draft)
    )
    if fixed is not None:  # "no, the postcode is 10117", "bâtiment B, pas A": the read-back, corrected
        _read_back(talk, order, fixed)
        return
    retyped = parse_address(talk.text, name=draft.name, default_country=draft.country) is not None
    if answer is not True and retyped:
        # The corrected address itself, alone or after a no ("wait, no, my mistake: Herzl 12, flat 21 …")
        _read_address(talk, order)
        return
    if answer is None:
        talk.reask("confirm_yes_no")
        return
    talk.progressed()
    if not answer:
        talk.state.address_draft = None
        talk.state.pending = None
        talk.ask("address_ask_new", "address")
        return
    try:
        await talk.ctx.store.change_shipping_address(order.number, draft)
    except NotAllowed:
        _not_allowed(talk, order)
        return
    talk.act("change_address", order.number, country=draft.country)
    talk.say("address_done", order=order_ref(order.number), address=one_line(draft, talk.language))
    talk.finish()


# A correction of one part is short ("no, the postcode is 10117") or names the wrong part too ("…, not
# 10171"); a longer message with a postal code is a whole new address.
_CORRECTION_WORDS = 8


def _postal_code_fixed(text: str, draft: Address, *, named_old: bool = False) -> Address | None:
    """The draft with the postal code a correction names; with ``named_old``, only when the message
    names the draft's code too ("80469, nicht 80496"): a new code alone may be a new address."""
    codes = postal_codes(text, draft.country)
    other = [code for code in codes if code != draft.postal_code.upper()]
    old_named = draft.postal_code.upper() in codes
    if not other or (not old_named and (named_old or len(text.split()) > _CORRECTION_WORDS)):
        return None
    return replace(draft, postal_code=other[0])


def _not_allowed(talk: Talk, order: Order) -> None:
    talk.say("address_not_allowed", order=order_ref(order.number))
    talk.hand_off(HandoffReason.POLICY, announced=True)
