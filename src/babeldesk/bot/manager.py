"""The dialogue manager: one customer turn in, what the bot says and does out.

Order of precedence on every turn: a request for a person, then anger (when the workspace hands
angry customers over), then corrections (another order, another request), then the answer to what the
bot asked, then a new request. A turn the bot does not understand gets one clarifying question; a
second one goes to a person.
"""

from __future__ import annotations

import asyncio

from babeldesk.bot import handoff, reading, slots
from babeldesk.bot.also_asked import COUNTRY_INTENTS, answer_first, answer_now, second_request
from babeldesk.bot.context import BotContext, HandoffReason, Outcome, Turn
from babeldesk.bot.flows import FLOWS, INTENT_FLOWS, QUIET_INTENTS, faq, flow_for
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
    intent = reading.read_intent(talk)
    angry = ctx.hand_off_on_anger and turn.understanding.angry and turn.understanding.anger >= HAND_OFF_ANGER
    # Asked for in words, a person is what was asked for; the model's "request_human" for an angry
    # "third time I write, I expect a solution today" is the anger speaking, and the alert says so.
    bot_question = slots.asks_if_bot(turn.text, talk.language)
    asked_for = intent == "request_human" and not angry and not bot_question
    if slots.wants_human(turn.text, talk.language) or asked_for:
        talk.hand_off(HandoffReason.REQUESTED)
        return
    if angry:
        talk.hand_off(HandoffReason.ANGRY)
        return
    if bot_question:
        # "am I talking to a bot?": answered honestly; a request in the same message is still served
        talk.say("bot_identity", shop=talk.ctx.shop_name)
        if intent is None or intent in QUIET_INTENTS or intent == "request_human":
            return
    if slots.find_phrases(turn.text, (Table.PRIVACY,), talk.language):
        talk.hand_off(HandoffReason.POLICY)  # "delete my account and my data": a person, by the procedure
        return
    if _bare_question_mark(talk):
        talk.say("clarify")  # "?" after an answer: asked to say more; what the bot asked still stands
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
    if switched and intent is not None and reading.kept_question(talk, intent):
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
    elif state.flow is not None and (sharper := reading.named_with_the_order(talk)) is not None:
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
        or (
            reading.thanks(talk)
            and slots.yes_no(turn.text, talk.language)
            and not reading.asks_after_thanks(talk)
        )
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
        if reading.article_question(talk):
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


def _aside(talk: Talk, intent: str) -> bool:
    """A shipping or customs question while a request waits for the customer (a new address, a
    photo): answered on the side, and the request keeps waiting for what it asked."""
    return talk.state.step is not None and intent in COUNTRY_INTENTS and answer_now(talk, intent)


# The most contact details kept from earlier turns (a customer gives one or two, not a list).
MAX_OFFERED_CONTACTS = 4


def _remember_contacts(talk: Talk) -> None:
    """Emails and phone numbers the customer types, so "my email first: …" verifies the order named later."""
    typed = slots.contacts(talk.text)
    if typed:
        kept = list(dict.fromkeys([*talk.state.offered_contacts, *typed]))
        talk.state.offered_contacts = kept[-MAX_OFFERED_CONTACTS:]


def _bare_question_mark(talk: Talk) -> bool:
    """ "?" after an answer; while the bot waits for something (an e-mail), the flow asks for it again."""
    if talk.awaiting is not None or talk.pending not in (None, "anything_else"):
        return False
    return slots.has_question_mark(talk.text) and not any(ch.isalnum() for ch in talk.text)


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
    if intent in _ABOUT_THE_OFFER.get(talk.pending or "", ()) and talk.asked_back():
        return False  # "wait so I pay the postage back myself??" to "shall I open the return?"
    if talk.awaiting == "verify" and intent not in COUNTRY_INTENTS and _names_contact(talk):
        return False  # "why do you need my email? I gave you the order number": about this step
    return not _answers_step(talk)


# Questions about what a pending offer costs or brings, which the model hears as requests of their own:
# the refund a cancel or return leads to, the postage of a return.
_ABOUT_THE_OFFER = {
    "cancel": frozenset({"refund_status"}),
    "return": frozenset({"refund_status", "shipping_cost_and_time"}),
}


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
    given_up = reading.RETURN_INTENTS | {"change_address"}
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
        # "啊不好意思打错了，是7185": a number given as the correction of the one before
        corrected = slots.admits_mistake(text, language) and bool(slots.loose_numbers(text))
        return bool(
            slots.order_numbers(text)
            or slots.bare_number(text)
            or (step == "order" and slots.contacts(text))
            or corrected
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
    if said is not None and slots.asks(talk.text, talk.language):
        # "D'accord. Et … c'est possible de payer en 3 fois ?", "ah, so the zip is broken too, no return
        # then?": the question is the answer
        return None
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
