"""Handing a conversation to a person, honestly: how long a reply usually takes when the team is in,
and when it is back (in the customer's time) when it is not, with callback times to choose from."""

from __future__ import annotations

import re
from datetime import datetime

from babeldesk.bot import slots
from babeldesk.bot.context import Handoff, HandoffReason, Staffing
from babeldesk.bot.facts import clock, duration, local, order_ref
from babeldesk.bot.flows import faq, flow_for
from babeldesk.bot.lexicon import Table
from babeldesk.bot.talk import Talk

MAX_CALLBACK_SLOTS = 3


async def complete(talk: Talk) -> Handoff | None:
    """Announce the hand-off requested during the turn and say what happens next."""
    request = talk.handoff
    if request is None:
        return None
    state, understanding = talk.state, talk.turn.understanding
    state.end_flow()
    state.handed_off = True
    if not request.announced:
        talk.say("handoff_angry" if request.reason is HandoffReason.ANGRY else "handoff")
    staffing = await _tell_wait(talk)
    if not staffing.open:
        await _offer_callback(talk)
    return Handoff(
        reason=request.reason,
        intent=state.intent or understanding.intent,
        order_number=state.order,
        tried=tuple(state.tried),
        sentiment="angry" if understanding.angry else understanding.sentiment.value,
        customer_language=talk.language,
        team_open=staffing.open,
    )


async def _tell_wait(talk: Talk) -> Staffing:
    """How long a reply usually takes, or when the team is back."""
    ctx = talk.ctx
    staffing = await ctx.availability.status(talk.language, ctx.now)
    if staffing.open and staffing.typical_wait is not None:
        talk.say("handoff_wait", wait=duration(staffing.typical_wait, talk.language))
    elif not staffing.open and staffing.opens_at is not None:
        talk.say("offhours", opens=clock(staffing.opens_at, talk.turn.contact.timezone, talk.language))
    return staffing


async def _offer_callback(talk: Talk) -> None:
    ctx, timezone = talk.ctx, talk.turn.contact.timezone
    offered = (await ctx.availability.callback_slots(timezone, ctx.now))[:MAX_CALLBACK_SLOTS]
    if not offered:
        return
    talk.state.callback_slots = [when.isoformat() for when in offered]
    talk.state.callback_phase = "offered"
    talk.say("callback_offer", slots=_listed(offered, timezone, talk.language))


def _listed(offered: list[datetime], timezone: str | None, language: str) -> str:
    return "; ".join(f"{i}) {clock(when, timezone, language)}" for i, when in enumerate(offered, 1))


async def follow_up(talk: Talk) -> None:
    """After a hand-off the bot stays quiet, except to settle a callback it offered (and to take its
    leave once, when the customer thanks it for the booking), to say once more how long a reply takes
    when asked, and to answer a question its articles answer. Once a colleague writes, the bot no
    longer hears the conversation (``helpdesk.understanding.bot_listens``)."""
    state = talk.state
    if state.callback_phase == "booked" and slots.only(
        talk.text, (Table.THANKS, Table.ACK, Table.YES, Table.DONE), talk.language
    ):
        state.callback_phase = "thanked"
        talk.say("goodbye", shop=talk.ctx.shop_name)
    elif state.callback_phase == "offered":
        await _choose_slot(talk)
    elif state.callback_phase == "phone":
        phone = next(iter(slots.phones(talk.text)), "")
        if phone:
            await _book(talk, phone)
        else:
            _retry(talk, "callback_ask_phone")
    elif not state.wait_retold and slots.find_phrases(talk.text, (Table.HOW_LONG, Table.WHEN), talk.language):
        # "and how long does that take?", "언제 연락 와요?" before a colleague writes: once
        state.wait_retold = True
        await _tell_wait(talk)
    elif _for_the_articles(talk):
        # "oye, ¿se puede pagar en OXXO?" while waiting: what the articles say, the colleague reads it too
        await faq.answer(talk, then_offer=False)


def _for_the_articles(talk: Talk) -> bool:
    """A question of the kind the knowledge base answers (product, size, payment, invoice), about no
    order: the colleague is needed for the rest."""
    intent = talk.turn.understanding.intent
    asked = slots.asks(talk.text, talk.language) and not slots.order_numbers(talk.text)
    return asked and flow_for(intent)[0] == "faq"


async def _choose_slot(talk: Talk) -> None:
    state = talk.state
    offered = [datetime.fromisoformat(when) for when in state.callback_slots]
    index = at_clock(talk.text, offered, talk.turn.contact.timezone)
    if index is None:
        # "4 in the afternoon suits me, the third option": the place in words, before any digit
        index = slots.place(talk.text, talk.language, len(offered))
    if index is None:
        index = slots.choice(talk.text, talk.language, len(offered))
    if index is None:
        if slots.yes_no(talk.text, talk.language) is False:
            state.callback_phase = None  # declined: a colleague answers in the chat
        else:
            _retry(talk, "callback_offer", slots=_listed(offered, talk.turn.contact.timezone, talk.language))
        return
    state.callback_choice = state.callback_slots[index]
    state.misses = 0
    phone = next(iter(slots.phones(talk.text)), "") or talk.turn.contact.phone or _verified_phone(talk)
    if phone:
        await _book(talk, phone)
    else:
        state.callback_phase = "phone"
        talk.say("callback_ask_phone")


def _retry(talk: Talk, key: str, **params: object) -> None:
    """Ask once more; a second answer that does not fit leaves it to the colleague."""
    talk.state.misses += 1
    if talk.state.misses >= 2:
        talk.state.callback_phase = None
        return
    talk.say(key, **params)


def _verified_phone(talk: Talk) -> str:
    return next((c for c in talk.state.verified_contacts if "@" not in c), "")


async def _book(talk: Talk, phone: str) -> None:
    state = talk.state
    if state.callback_choice is None:
        return
    when = datetime.fromisoformat(state.callback_choice)
    facts = (state.intent or "", order_ref(state.order) if state.order else "", talk.language)
    note = "; ".join(fact for fact in facts if fact)
    await talk.ctx.availability.book_callback(when, phone, note)
    state.callback_phase = "booked"
    state.misses = 0
    talk.act("book_callback", state.order, when=state.callback_choice)
    talk.say("callback_booked", time=clock(when, talk.turn.contact.timezone, talk.language), phone=phone)


# "13:00", "1 pm", "13h", "13 Uhr", "13時", "13시", "1.30pm": an hour, maybe minutes, maybe a half of
# the day. A bare number is left to ``slots.choice`` (the list's "2"); "13.5" is no time.
_CLOCK = re.compile(
    r"(?<![\d+.,])([01]?\d|2[0-3])"
    r"(?:[:.]([0-5]\d)(?!\d)|\s*(?:h|時|时|시|点|點)\s*([0-5]\d)?|\s*(?=[ap]\.?m\b|uhr\b))"
    r"(?:\s*([ap])\.?m\b)?",
    re.IGNORECASE,
)

# "a las 10", "alle 10", "um 10", "jam 10", "lúc 10", "10 baje": a bare hour after the word for "at"
# (or, in Hindi, before "o'clock").
_AT_HOUR = re.compile(
    r"(?:(?<!\w)(?:at|a las|a la|às|as|alle|um|om|à|o|в|о|saat|jam|pukul|lúc|ตอน|בשעה|الساعة)\s+"
    r"([01]?\d|2[0-3])(?![\d:.,])(?!\s*[ap]\.?m\b))|(?<![\d:.,])([01]?\d|2[0-3])\s*(?:baje|बजे)",
    re.IGNORECASE,
)


def at_clock(text: str, offered: list[datetime], timezone: str | None) -> int | None:
    """The offered time a customer names by its clock time in their timezone ("tomorrow at 13:00"),
    when exactly one offered time has it."""
    named = set()
    for match in _CLOCK.finditer(text):
        hour, half = int(match.group(1)), (match.group(4) or "").lower()
        if half:
            hour = hour % 12 + (12 if half == "p" else 0)
        named.add((hour, int(match.group(2) or match.group(3) or 0)))
    named.update((int(m.group(1) or m.group(2)), 0) for m in _AT_HOUR.finditer(text))
    times = [local(when, timezone) for when in offered]
    fits = [i for i, when in enumerate(times) if (when.hour, when.minute) in named]
    return fits[0] if len(fits) == 1 else None
