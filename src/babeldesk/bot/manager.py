"""The dialogue manager: one customer turn in, what the bot says and does out.

Order of precedence on every turn: a request for a person, then anger (when the workspace hands
angry customers over), then corrections (another order, another request), then the answer to what the
bot asked, then a new request. A turn the bot does not understand gets one clarifying question; a
second one goes to a person.
"""

from __future__ import annotations

import asyncio

from babeldesk.bot import handoff, slots
from babeldesk.bot.address import find_country
from babeldesk.bot.also_asked import COUNTRY_INTENTS, LOOKUPS, answer_first, answer_now, second_request
from babeldesk.bot.context import BotContext, HandoffReason, Outcome, Turn
from babeldesk.bot.flows import FLOWS, INTENT_FLOWS, ORDER_INTENTS, QUIET_INTENTS, faq, flow_for
from babeldesk.bot.flows.tracking import not_received
from babeldesk.bot.flows.verify import Switch, take_order
from babeldesk.bot.language import reply_language
from babeldesk.bot.lexicon import Table
from babeldesk.bot.state import BotState
from babeldesk.bot.talk import Talk
from babeldesk.commerce.store import CommerceError, StoreUnavailable

# A store or carrier that has not answered by then is treated as down for this turn.
TURN_TIMEOUT_SECONDS = 20.0
# Anger the bot stops answering for: clearer than the flag that raises the console's alert (0.4 in
# `nlu`). Mild complaints ("still no refund?", "could I cancel, wrong colour") score 0.4-0.5 with the
# anger model and still want their answer, at any hour. The flag at this threshold, 5-fold on our
# examples: precision 0.92, recall 0.62 (0.90 and 0.71 at the alert's; at 0.6, 0.93 and 0.58: the
# frustrated payment question at 0.56 is not worth that recall). Text that shouts counts as 1.
HAND_OFF_ANGER = 0.55
# Confirmations that were about one order and must be asked again when the customer switches orders.
_ORDER_BOUND = frozenset({"cancel", "return", "address"})


async def respond(state: BotState, turn: Turn, ctx: BotContext) -> Outcome:
    """What the bot says and does for one customer turn. ``state`` is left as it was; the new state is
    in the outcome, for the caller to store with the replies (or not at all, if sending fails)."""
    talk = _start(state, turn, ctx)
    if talk.state.handed_off:
        await handoff.follow_up(talk)
    else:
        await _guarded(talk)
    found = await handoff.complete(talk)
    return Outcome(
        replies=tuple(await _phrased(talk)),
        state=talk.state,
        language=talk.language,
        keys=tuple(talk.keys),
        handoff=found,
        actions=tuple(talk.actions),
    )


async def _phrased(talk: Talk) -> list[str]:
    """The replies, rephrased when the workspace has an LLM; articles are sent as their authors wrote them."""
    phraser = talk.ctx.phraser
    if phraser is None:
        return talk.replies

    async def one(key: str, text: str) -> str:
        if key == "kb_answer":
            return text
        return await phraser.rephrase(text, talk.language, facts=talk.replies)

    return list(await asyncio.gather(*(one(k, t) for k, t in zip(talk.keys, talk.replies, strict=True))))


def _start(state: BotState, turn: Turn, ctx: BotContext) -> Talk:
    fresh = state.copy()
    language = reply_language(fresh, turn)
    fresh.language = language
    if language not in fresh.languages:
        fresh.languages.append(language)
    return Talk(fresh, turn, ctx, language, fresh.step, fresh.pending)


async def _guarded(talk: Talk) -> None:
    """Run the turn; a store that is down or slow hands the conversation over, never a guess."""
    try:
        async with asyncio.timeout(TURN_TIMEOUT_SECONDS):
            await _route(talk)
    except (StoreUnavailable, TimeoutError):
        _store_down(talk)
    except CommerceError:
        talk.hand_off(HandoffReason.FAILED)


def _store_down(talk: Talk) -> None:
    talk.replies.clear()
    talk.keys.clear()
    talk.actions.clear()
    talk.say("store_unavailable")
    talk.hand_off(HandoffReason.FAILED, announced=True)


async def _route(talk: Talk) -> None:
    turn, ctx, state = talk.turn, talk.ctx, talk.state
    _remember_contacts(talk)
    intent = _intent(talk)
    angry = ctx.hand_off_on_anger and turn.understanding.angry and turn.understanding.anger >= HAND_OFF_ANGER
    # Asked for in words, a person is what was asked for; the model's "request_human" for an angry
    # "third time I write, I expect a solution today" is the anger speaking, and the alert says so.
    if slots.wants_human(turn.text, talk.language) or (intent == "request_human" and not angry):
        talk.hand_off(HandoffReason.REQUESTED)
        return
    if angry:
        talk.hand_off(HandoffReason.ANGRY)
        return
    switched = take_order(talk)
    if switched and state.pending in _ORDER_BOUND:
        state.pending = talk.pending = None
        state.address_draft = None
    if switched and talk.awaiting == "address":
        # "sorry, wrong order: it's 5280": no address came; the flow asks again, for that order
        state.step = talk.awaiting = None
        state.address_parts = []
    # "no, the other order": the same question about the other order, unless the turn asks another
    # ("and the other order, can it be cancelled?")
    redo = switched is Switch.OTHER and state.flow is None and state.intent in INTENT_FLOWS
    redo = redo and (intent is None or intent in QUIET_INTENTS or intent == state.intent)
    if switched and intent is not None and _kept_question(talk, intent):
        intent = state.intent
    if _calls_off(talk):
        intent = _after_calling_off(talk, intent)
        if intent is None:
            talk.finish()
            return
    if intent is not None and _changes_return_kind(talk, intent):
        await FLOWS["returns"](talk)
    elif intent is not None and _interrupts(talk, intent):
        if not _aside(talk, intent):
            await _start_flow(talk, intent)
    elif state.flow is not None and (sharper := _named_with_the_order(talk)) is not None:
        await _start_flow(talk, sharper)
    elif state.flow is not None:
        await FLOWS[state.flow](talk)
    elif redo and state.intent is not None:
        await _start_flow(talk, state.intent)  # "no, the other order": the same question, the other order
    elif intent is not None and intent not in QUIET_INTENTS and not _bare_answer(talk):
        await _start_flow(talk, intent)
    elif switched and state.intent in INTENT_FLOWS:
        await _start_flow(talk, state.intent)
    elif state.pending == "anything_else" and (
        slots.find_phrases(turn.text, (Table.DONE,), talk.language)
        or (_thanks(talk) and slots.yes_no(turn.text, talk.language))
        or slots.only(turn.text, (Table.ACK, Table.THANKS), talk.language)
    ):
        _closing(talk, False)  # "ok great, thanks!", "that's all, bye" to "anything else?": a goodbye
    elif state.pending in ("anything_else", "person") and (said := _answer_to_offer(talk)) is not None:
        _closing(talk, said)
    elif intent is not None and intent != "other":
        await _start_flow(talk, intent)
    elif not await faq.answer(talk):
        # Nothing the bot handles, or a model unsure what is asked ("how long is the warranty on the
        # air fryer?" between product and return questions): the knowledge base may still know; if
        # not, ask again, then a person. A question the model leans to the articles for ("can I pay
        # in instalments?") was understood well enough: it has no article, and a person is offered.
        if _article_question(talk):
            faq.not_found(talk)
        else:
            _not_understood(talk)
    if intent is None or talk.handoff is not None:
        return
    if state.flow is None and state.pending == "anything_else":
        await _also_asked(talk, intent)
    elif state.flow is not None:
        answer_first(talk, intent)


async def _also_asked(talk: Talk, answered: str) -> None:
    """A second question in the message just answered ("where is order 6625? and do I pay customs in
    the US?"): an order question beside a customs or shipping one, either way round, is answered too,
    before the one "anything else?". And a no that goes on to ask for something else ("no, don't
    cancel it. Can you change the address instead?") gets that."""
    second = second_request(talk, answered) or await _instead(talk, answered)
    if second is None:
        return
    talk.replies.pop()  # the first answer's "anything else?"
    talk.keys.pop()
    await _start_flow(talk, second)


async def _instead(talk: Talk, answered: str) -> str | None:
    """The request of another sentence in a message that declined the bot's question, if any."""
    if not talk.declined or talk.ctx.requests is None:
        return None
    for intent, _ in await talk.ctx.requests(talk.text, talk.language):
        if intent != answered and intent in INTENT_FLOWS:
            return intent
    return None


# A lookup (``LOOKUPS``) that also says the item is broken asks for a remedy, one that names a refund
# asks about the refund, and one that says the parcel is late asks why and until when.
RETURN_INTENTS = frozenset({"return_defective", "return_changed_mind"})
_SAYS = ((Table.DEFECT, "return_defective"), (Table.REFUND, "refund_status"), (Table.DELAY, "delivery_delay"))


def _aside(talk: Talk, intent: str) -> bool:
    """A shipping or customs question while a request waits for the customer (a new address, a
    photo): answered on the side, and the request keeps waiting for what it asked."""
    return talk.state.step is not None and intent in COUNTRY_INTENTS and answer_now(talk, intent)


def _kept_question(talk: Talk, intent: str) -> bool:
    """ "Oops, wrong number, it's 5503, the cushion I sent back": a message that corrects the order
    asks the earlier question again. The model, hearing the words about the item, may lean elsewhere
    (a return); when the earlier question is its second choice, the correction decides."""
    earlier, understanding = talk.state.intent, talk.turn.understanding
    if earlier not in INTENT_FLOWS or earlier == intent:
        return False
    if understanding.runner_up == earlier and slots.admits_mistake(talk.text, talk.language):
        return True
    # "ой ні, не те. інше, 8154, там шапка і шарф": "the other one" and its items, heard as a wrong
    # item sent; without the words of that request, the message only names the other order.
    other = slots.wants_other(talk.text, talk.language)
    return intent in _ASKS_IN_WORDS and other and not _in_words(talk, intent)


# "Dus wanneer precies?", "אז מתי בדיוק? אני צריכה לדעת אם להישאר בבית": short.
_ASKED_AGAIN_WORDS = 10
# Answers that a date can be asked again of; "and when will it arrive?" after a refused cancel asks
# where the parcel is (``Table.ARRIVAL``), not for the refusal again.
_ASKED_WHEN = LOOKUPS | {"refund_status"}


def _asks_when_again(talk: Talk, confident: bool) -> bool:
    """ "So when exactly?" just after the answer about an order: the same question again. The model,
    given a bare "when", leans to shipping times; sure of another request, it decides."""
    state, understanding = talk.state, talk.turn.understanding
    if state.pending != "anything_else" or not state.order or state.intent not in _ASKED_WHEN:
        return False
    if confident and understanding.intent not in (*COUNTRY_INTENTS, state.intent):
        return False
    if slots.find_phrases(talk.text, (Table.CUSTOMS, Table.SHIP_TO), talk.language):
        return False  # "Do I pay customs? And when will it arrive?": a question of its own, and this one
    short = len(talk.text.split()) <= _ASKED_AGAIN_WORDS and not slots.order_numbers(talk.text)
    return short and bool(slots.find_phrases(talk.text, (Table.WHEN,), talk.language))


def _named_with_the_order(talk: Talk) -> str | None:
    """ "Order 8840, I don't need it any more: can I have a refund?" given for the number an order
    question asked for: the words say what the question is (``_sharpened``), whatever was guessed."""
    state = talk.state
    if talk.awaiting != "order" or state.intent not in LOOKUPS or state.order is None:
        return None
    sharper = _sharpened(talk, state.intent)
    return sharper if sharper != state.intent else None


def _contact_for_address(talk: Talk) -> bool:
    """A hesitant address change in a message that gives a phone or an e-mail and no word of an
    address: the model leans there for the contact detail ("il pacco 5520 a che punto è?? tel 347…")."""
    if talk.turn.understanding.intent != "change_address" or not slots.contacts(talk.text):
        return False
    return not _in_words(talk, "change_address")


def _in_words(talk: Talk, intent: str) -> bool:
    """Whether the message has the words of ``intent``, for the requests that have such words: "il
    pacco 5520 a che punto è?? tel 347…" is no address change."""
    words = _ASKS_IN_WORDS.get(intent)
    return words is None or bool(slots.find_phrases(talk.text, words, talk.language))


# Requests the model may hear in a message that only corrects the order, with the words that make
# them that request; others (a status question) are not second-guessed.
_RETURN_WORDS = (Table.DEFECT, Table.SEND_BACK, Table.REPLACEMENT)  # of either kind: the words tell which
_ASKS_IN_WORDS = {
    "return_defective": _RETURN_WORDS,
    "return_changed_mind": _RETURN_WORDS,
    "cancel_order": (Table.CANCEL,),
    "change_address": (Table.ADDRESS,),
    "refund_status": (Table.REFUND,),
    "delivery_delay": (Table.DELAY,),
}


def _intent(talk: Talk) -> str | None:
    """The request this turn makes: the model's intent when it is sure of one; otherwise, for a
    message that names an order outside any flow, a question about that order."""
    understanding, threshold = talk.turn.understanding, talk.ctx.confidence_threshold
    confident = understanding.confidence >= threshold
    if understanding.intent == "request_human" and _gives_contact(talk):
        # The model hears "my phone number is …" or an e-mail's "Dear customer service" as asking
        # for a person; the message gives a detail, and its words and order numbers say the rest.
        confident = False
    if (understanding.intent == "complaint" and _polite_no(talk)) or _acknowledges(talk):
        # "no, va bene così, la chiedo via mail. grazie": a no to the offer, not a complaint; "ok, I'll
        # wait a few more days" after the answer to that very question: a goodbye, not the question again
        confident = False
    told = talk.state.delivered_told
    if told is not None and told == talk.state.order and not_received(talk):
        return "complaint"  # "delivered? I never got it": the carrier's word against the customer's
    if understanding.intent == "change_address" and _keeps_address(talk):
        # "keep the address after all; where is it now?": the model hears the address, the words
        # say it stays; the question is the model's second thought, if about the order
        runner_up = understanding.runner_up
        return runner_up if runner_up in ORDER_INTENTS and runner_up != "change_address" else None
    if _asks_when_again(talk, confident):
        return talk.state.intent  # "so when exactly?" after the answer about the order: that answer
    if confident and understanding.intent not in QUIET_INTENTS:
        return _sharpened(talk, understanding.intent)
    if slots.find_phrases(talk.text, (Table.CANCEL,), talk.language):
        # "yaudah kak, batalin aja deh": the model hesitates over slang, the word does not; the
        # cancel flow asks before it cancels anything.
        return "cancel_order"
    if talk.state.order and slots.find_phrases(talk.text, (Table.ARRIVAL,), talk.language):
        return "track_shipment"  # "a kiedy mniej więcej dotrze?" after a refused cancel: that order
    if _sends_elsewhere(talk):
        return "change_address"  # "actually, could you send it to my office instead?"
    if slots.find_phrases(talk.text, (Table.CUSTOMS,), talk.language) and not slots.order_numbers(talk.text):
        return "customs_and_duties"  # Darija "واش غادي نخلص الديوانة؟": the word, not the model, is sure
    if talk.state.flow is None and _names_an_order(talk.text):
        # "Hello, where is order 1001?" heard as a greeting: the order decides what it is about.
        # A hesitant model after an earlier question about an order: the same question, this order.
        leaning = understanding.intent in ORDER_INTENTS and _leaning(talk)
        # an address change, alone, needs its words: a phone number beside the order leans the model there
        leaning = leaning and not _contact_for_address(talk)
        earlier = talk.state.intent if talk.state.intent in ORDER_INTENTS else "order_status"
        if leaning:
            return _return_kind(talk, _sharpened(talk, understanding.intent))
        return _sharpened(talk, earlier)  # an earlier return keeps its kind: "it's order 1005"
    if confident:
        return understanding.intent
    if (
        talk.state.flow is None  # in a flow, a country is an answer to it (an address)
        and understanding.intent in COUNTRY_INTENTS
        and _leaning(talk)
        and find_country(talk.text, talk.language)
    ):
        return understanding.intent  # a hesitant shipping question that names a country, as above
    # "oh well, I'll borrow a card then, thanks": the model hesitates, the words do not
    return "thanks" if _thanks(talk) and not _asks_after_thanks(talk) else None


# The most contact details kept from earlier turns (a customer gives one or two, not a list).
MAX_OFFERED_CONTACTS = 4


def _remember_contacts(talk: Talk) -> None:
    """Emails and phone numbers the customer types, so "my email first: …" verifies the order named later."""
    typed = slots.contacts(talk.text)
    if typed:
        kept = list(dict.fromkeys([*talk.state.offered_contacts, *typed]))
        talk.state.offered_contacts = kept[-MAX_OFFERED_CONTACTS:]


def _names_an_order(text: str) -> bool:
    """An order number after an order word, or a message about orders with a number as long as one
    ("I have two open orders: 2318 and 2406. What about 2318?")."""
    long_numbers = [n for n in slots.loose_numbers(text) if len(n) >= 4]
    return bool(slots.order_numbers(text) or (long_numbers and slots.mentions_order(text)))


def _asks_after_thanks(talk: Talk) -> bool:
    """ "okee makasih kak! eh btw bisa bayar pake OVO ga?": a question after the thanks is for the
    knowledge base, not a goodbye."""
    parts = slots.sentences(talk.text)
    thanked = [i for i, part in enumerate(parts) if slots.find_phrases(part, (Table.THANKS,), talk.language)]
    return bool(thanked) and any(part.rstrip().endswith(("?", "？")) for part in parts[thanked[-1] + 1 :])


def _keeps_address(talk: Talk) -> bool:
    return bool(slots.find_phrases(talk.text, (Table.UNCHANGED,), talk.language))


def _leaning(talk: Talk) -> bool:
    """The model is not sure, but not far off: half the confidence it takes to act on its own."""
    return talk.turn.understanding.confidence >= talk.ctx.confidence_threshold / 2


def _article_question(talk: Talk) -> bool:
    understanding = talk.turn.understanding
    asked = talk.text.rstrip().endswith(("?", "？", "؟"))
    article = understanding.intent != "other" and flow_for(understanding.intent)[0] == "faq"
    return asked and article and _leaning(talk)


def _sends_elsewhere(talk: Talk) -> bool:
    """A hesitant model's address change, about the order spoken of, that says where to send it."""
    if not talk.state.order or talk.turn.understanding.intent != "change_address" or not _leaning(talk):
        return False
    return bool(slots.find_phrases(talk.text, (Table.ADDRESS,), talk.language))


def _polite_no(talk: Talk) -> bool:
    """A no to "anything else?" or "shall I find you a person?" that thanks or takes leave."""
    if talk.pending not in ("person", "anything_else") or slots.yes_no(talk.text, talk.language) is not False:
        return False
    return _thanks(talk) or bool(slots.find_phrases(talk.text, (Table.DONE,), talk.language))


def _acknowledges(talk: Talk) -> bool:
    """ "ok, I'll wait a few more days", "I'll pay by card then, thanks": the answer taken, with no
    new question, sounds to the model like the question it answers."""
    understanding, text, language = talk.turn.understanding, talk.text, talk.language
    if talk.pending != "anything_else" or "?" in text or "？" in text:
        return False
    if slots.only(text, (Table.ACK, Table.THANKS), language):
        return True  # "ok top", "了解です", "👍"
    if understanding.intent == talk.state.intent and slots.find_phrases(text, (Table.DONE,), language):
        return True
    # ending on the thanks, about what the articles answer (which the last answer may have come from)
    article = flow_for(understanding.intent)[0] == "faq" or understanding.intent == talk.state.intent
    last = slots.sentences(text)[-1:]
    return article and bool(last) and bool(slots.find_phrases(last[0], (Table.THANKS,), language))


def _thanks(talk: Talk) -> bool:
    return bool(slots.find_phrases(talk.text, (Table.THANKS,), talk.language))


def _gives_contact(talk: Talk) -> bool:
    return bool(slots.contacts(talk.text))


def _sharpened(talk: Talk, intent: str) -> str:
    """An order lookup that names a defect, a refund or a delay is that request ("order 1003 arrived
    broken", "still no refund for 1008"). So is a complaint about an order that names a defect ("wrong
    colour, order 7365, please exchange it"): the return flow can fix that; a person is for the rest.
    Asking for the money back by cancelling, in the middle of a return, is a cancel request."""
    if intent == "complaint" and (slots.order_numbers(talk.text) or talk.state.order):
        defect = slots.find_phrases(talk.text, (Table.DEFECT,), talk.language)
        return "return_defective" if defect else intent
    instead = talk.state.flow == "returns" and slots.find_phrases(talk.text, (Table.CANCEL,), talk.language)
    if intent == "refund_status" and instead:
        return "cancel_order"  # "can't you just cancel it and refund me?" instead of sending it back
    if intent == "change_address" and _exchange(talk):
        if talk.state.flow == "returns" and talk.state.intent in RETURN_INTENTS:
            return talk.state.intent  # the return under way, of its kind
        defect = slots.find_phrases(talk.text, (Table.DEFECT,), talk.language)
        return "return_defective" if defect else "return_changed_mind"
    if intent == "shipping_cost_and_time" and slots.order_numbers(talk.text):
        return "order_status"  # "Bestellung 3927 … wann wird das verschickt?": this order's shipping
    if intent not in LOOKUPS:
        return intent
    for table, meant in _SAYS:
        if slots.find_phrases(talk.text, (table,), talk.language):
            return meant
    return intent


def _exchange(talk: Talk) -> bool:
    """ "Can you change them for half a size up?": a change asked for an item, or during a return,
    with no word for an address, is about the return ("no direct exchange then; yes, open it")."""
    text, language = talk.text, talk.language
    if talk.state.flow == "address" or slots.find_phrases(text, (Table.ADDRESS,), language):
        return False  # "the one I want to change is 5280": the address change under way
    return talk.state.flow == "returns" or bool(slots.find_phrases(text, (Table.REPLACEMENT,), language))


def _return_kind(talk: Talk, intent: str) -> str:
    """For a hesitant model, the words tell which return it is: a defect named or a replacement asked
    for (only defective items are replaced), or neither."""
    if intent not in ("return_defective", "return_changed_mind"):
        return intent
    defect = slots.find_phrases(talk.text, (Table.DEFECT, Table.REPLACEMENT), talk.language)
    return "return_defective" if defect else "return_changed_mind"


def _bare_answer(talk: Talk) -> bool:
    """A yes or no to the bot's last question, which no intent model should read as a new request."""
    return talk.pending is not None and slots.short_answer(talk.text, talk.language)


def _interrupts(talk: Talk, intent: str) -> bool:
    """Whether a confident intent, in the middle of a flow, is a new request rather than an answer."""
    state = talk.state
    if state.flow is None or intent in QUIET_INTENTS or intent == "complaint":
        return False  # a complaint in the middle of a flow is about the flow: it carries on
    flow, reason = flow_for(intent)
    if flow == state.flow and (reason is None or state.return_reason in (None, reason)):
        return False
    if talk.awaiting == "verify" and intent not in COUNTRY_INTENTS and _names_contact(talk):
        return False  # "why do you need my email? I gave you the order number": about this step
    return not _answers_step(talk)


def _names_contact(talk: Talk) -> bool:
    """The message speaks of an e-mail or a phone (a shipping question beside "let me find which
    e-mail I used" is still answered on the side)."""
    return bool(slots.find_phrases(talk.text, (Table.CONTACT,), talk.language))


def _changes_return_kind(talk: Talk, intent: str) -> bool:
    """A return that turns out to be the other kind ("here is the photo of the wrong size they sent",
    heard as a defect after a changed mind) carries on as that kind, with the order, the items picked
    and the answer this turn gives; only a question of the old kind (its yes to the postage) is dropped."""
    state = talk.state
    flow, reason = flow_for(intent)
    if state.flow != "returns" or flow != "returns" or reason in (None, state.return_reason):
        return False
    if talk.awaiting == "resolution" and _answers_step(talk):
        return False  # "đổi giúp mình cái màu đen nha": the replacement asked for, not a changed mind
    if state.return_reason is not None:
        state.pending = talk.pending = None
    state.return_reason, state.intent = reason, intent
    return True


def _calls_off(talk: Talk) -> bool:
    """ "It's just a glaze mark, not a crack: I won't send it back", "keep the address after all": a
    return or an address change given up at any step. (To the return's own question, "shall I open
    it?", the same words are its no: ``Talk.yes_or_no``.)"""
    state, text, language = talk.state, talk.text, talk.language
    if state.flow == "returns" and talk.pending != "return":
        given_up = slots.keeps_item(text, language)
    else:
        given_up = state.flow == "address" and bool(slots.find_phrases(text, (Table.UNCHANGED,), language))
    if given_up:
        state.end_flow()
        talk.pending = talk.awaiting = None
    return given_up


def _after_calling_off(talk: Talk, intent: str | None) -> str | None:
    """What else the message that gave up a request asks: not that request again, which its words
    may sound like to the model."""
    if talk.state.order and slots.find_phrases(talk.text, (Table.ARRIVAL,), talk.language):
        return "track_shipment"  # "…, and the scarf, order 7718, when does it come?"
    given_up = RETURN_INTENTS | {"change_address"}
    return None if intent is None or intent in given_up or intent in QUIET_INTENTS else intent


def _answers_step(talk: Talk) -> bool:
    """The turn holds what the bot asked for (a bare yes or no, an email, a photo …)."""
    text, language, step = talk.text, talk.language, talk.awaiting
    if talk.pending in ("return", "cancel") and slots.keeps_item(text, language):
        return True  # "it's on me then? never mind, I'll keep them" answers the return's question
    if talk.pending is not None:
        return slots.yes_no(text, language) is not None and slots.short_answer(text, language)
    if step == "verify":
        return bool(slots.emails(text) or slots.phones(text))
    if step == "choose" and slots.choice(text, language, len(talk.state.candidates)) is not None:
        return True
    if step in ("order", "choose"):
        # "I can't find the number; I ordered with olha@…": what the customer has, for the order asked
        return bool(
            slots.order_numbers(text) or slots.bare_number(text) or (step == "order" and slots.contacts(text))
        )
    if step == "photo":
        return talk.turn.images > 0
    if step == "resolution":
        # "give me my money back" names the refund it was asked to choose, not a refund question
        return slots.pick(text, language, Table.REFUND, Table.REPLACEMENT) is not None
    return False


async def _start_flow(talk: Talk, intent: str) -> None:
    state = talk.state
    if intent == "complaint" or (intent == "payment_problem" and slots.order_numbers(talk.text)):
        # A payment gone wrong on an order ("charged twice for 5521") needs the payment records,
        # which the bot cannot see: a person, at once, rather than an article about payment methods.
        state.intent = intent
        talk.hand_off(HandoffReason.POLICY)
        return
    if intent == "request_human":
        talk.hand_off(HandoffReason.REQUESTED)
        return
    flow, reason = flow_for(intent)
    state.end_flow()
    talk.pending = talk.awaiting = None
    state.flow, state.intent, state.return_reason = flow, intent, reason
    await FLOWS[flow](talk)


def _answer_to_offer(talk: Talk) -> bool | None:
    """Yes or no to "anything else?" or "shall I find you a person?"; "no need", "大丈夫です" are a no."""
    said = slots.yes_no(talk.text, talk.language)
    if said is None and slots.find_phrases(talk.text, (Table.NOT_NEEDED,), talk.language):
        return False
    if said and slots.asks(talk.text, talk.language):
        return None  # "D'accord. Et … c'est possible de payer en 3 fois ?": the question is the answer
    return said


def _closing(talk: Talk, yes: bool) -> None:
    """The answer to "anything else?" or "shall I put you through to a person?"."""
    state = talk.state
    offered_person, state.pending = state.pending == "person", None
    if offered_person and yes:
        talk.hand_off(HandoffReason.UNSURE)
    elif offered_person:
        state.pending = "anything_else"
        talk.say("anything_else")
    elif yes:
        talk.say("clarify")
    else:
        talk.say("goodbye", shop=talk.ctx.shop_name)


def _not_understood(talk: Talk) -> None:
    talk.state.pending = None
    talk.state.misses += 1
    if talk.state.misses >= 2:
        talk.hand_off(HandoffReason.UNSURE)
    else:
        talk.say("clarify")
