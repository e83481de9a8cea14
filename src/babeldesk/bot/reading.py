"""What a turn asks: the request read from the intent model's answer and the message's own words.

The model hears most requests well; these readings settle the cases where its guess and the words
disagree ("order 1003 arrived broken" is a return, not a status question; "so when exactly?" after the
answer about an order asks that again). The dialogue manager (`manager.py`) decides what to do with it.
"""

from __future__ import annotations

from babeldesk.bot import slots
from babeldesk.bot.address import find_country
from babeldesk.bot.also_asked import COUNTRY_INTENTS, LOOKUPS
from babeldesk.bot.flows import INTENT_FLOWS, ORDER_INTENTS, QUIET_INTENTS, flow_for
from babeldesk.bot.flows.tracking import not_received
from babeldesk.bot.lexicon import Table
from babeldesk.bot.talk import Talk

RETURN_INTENTS = frozenset({"return_defective", "return_changed_mind"})
# A lookup (``LOOKUPS``) that also says the item is broken asks for a remedy, one that names a refund
# asks about the refund, and one that says the parcel is late asks why and until when.
_SAYS = ((Table.DEFECT, "return_defective"), (Table.REFUND, "refund_status"), (Table.DELAY, "delivery_delay"))


def kept_question(talk: Talk, intent: str) -> bool:
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
    if slots.order_numbers(talk.text):
        return False
    # the sentence that asks is short; more may follow ("…? I need it before the weekend")
    asking = [s for s in slots.sentences(talk.text) if slots.find_phrases(s, (Table.WHEN,), talk.language)]
    return any(len(sentence.split()) <= _ASKED_AGAIN_WORDS for sentence in asking)


def named_with_the_order(talk: Talk) -> str | None:
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


def _defect_return(talk: Talk) -> bool:
    """A hesitant model, about the order spoken of, and a message that names a defect and a return, a
    replacement or a refund: a defective return (a changed-mind return refused may turn out to be one)."""
    if not talk.state.order or talk.state.flow is not None or not _leaning(talk):
        return False
    text, language = talk.text, talk.language
    remedy = (Table.SEND_BACK, Table.REPLACEMENT, Table.REFUND)
    return bool(
        slots.find_phrases(text, (Table.DEFECT,), language) and slots.find_phrases(text, remedy, language)
    )


def _about_an_order(talk: Talk) -> bool:
    """A hesitant model's request about an order, in a message that speaks of an order and has the
    request's words (where it has any), outside any flow."""
    intent = talk.turn.understanding.intent
    if talk.state.flow is not None or intent not in ORDER_INTENTS or not _leaning(talk):
        return False
    return slots.mentions_order(talk.text) and _in_words(talk, intent)


def _address_in_words(talk: Talk) -> bool:
    """An address change among the model's two guesses, and said in words ("PLZ", "adres")."""
    understanding = talk.turn.understanding
    guessed = "change_address" in (understanding.intent, understanding.runner_up)
    return guessed and _in_words(talk, "change_address")


def _address_forgotten(talk: Talk) -> bool:
    """A part of the address left out when ordering: the words for both, whatever the model heard."""
    found = {m.table for m in slots.find_phrases(talk.text, (Table.ADDRESS, Table.FORGOT), talk.language)}
    return found == {Table.ADDRESS, Table.FORGOT}


def _names_an_invoice(talk: Talk) -> bool:
    return bool(slots.find_phrases(talk.text, (Table.INVOICE,), talk.language))


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
    "customs_and_duties": (Table.CUSTOMS,),
}


def read_intent(talk: Talk) -> str | None:
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
    if slots.only(talk.text, (Table.MAY_I_ASK, Table.ACK), talk.language, "en"):
        return "greeting"  # "shop ơi cho mình hỏi xíu": the question comes next; "how can I help?"
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
    restock = slots.find_phrases(talk.text, (Table.RESTOCK,), talk.language)
    if restock and talk.state.pending is None and not slots.order_numbers(talk.text):
        # "再入荷の予定はありますか？": the articles, or a person, know; "yes, and I'd pre-order two" to
        # the offer of a person is the yes
        return "product_question"
    if slots.find_phrases(talk.text, (Table.CUSTOMS,), talk.language) and not slots.order_numbers(talk.text):
        return "customs_and_duties"  # Darija "واش غادي نخلص الديوانة؟": the word, not the model, is sure
    if talk.state.flow is None and _names_an_order(talk.text):
        # "Hello, where is order 1001?" heard as a greeting: the order decides what it is about.
        # A hesitant model after an earlier question about an order: the same question, this order.
        leaning = understanding.intent in ORDER_INTENTS and _leaning(talk)
        # an address change, alone, needs its words: a phone number beside the order leans the model there
        leaning = leaning and not _contact_for_address(talk)
        earlier = talk.state.intent if talk.state.intent in ORDER_INTENTS else "order_status"
        if _address_in_words(talk) or _address_forgotten(talk):
            # "Bestellung 4518: die PLZ muss 80469 sein, nicht 80496", "hab Stiege und Top vergessen"
            return "change_address"
        if leaning:
            return _return_kind(talk, _sharpened(talk, understanding.intent))
        return _sharpened(talk, earlier)  # an earlier return keeps its kind: "it's order 1005"
    if confident:
        return understanding.intent
    if _defect_return(talk):
        return "return_defective"  # "aslinda fermuari da bozuk … iade olmaz mi?" about the order spoken of
    if _about_an_order(talk):
        # "在吗？昨天下单的保温杯，想问下发货了没呀": about an order, with no number yet; the flow asks
        return _return_kind(talk, _sharpened(talk, understanding.intent))
    if (
        talk.state.flow is None  # in a flow, a country is an answer to it (an address)
        and understanding.intent in COUNTRY_INTENTS
        and _leaning(talk)
        and _in_words(talk, understanding.intent)  # "cash on delivery in the UAE?" is no customs question
        and find_country(talk.text, talk.language)
    ):
        return understanding.intent  # a hesitant shipping question that names a country, as above
    # "oh well, I'll borrow a card then, thanks": the model hesitates, the words do not
    return "thanks" if thanks(talk) and not asks_after_thanks(talk) else None


def _names_an_order(text: str) -> bool:
    """An order number after an order word, or a message about orders with a number as long as one
    ("I have two open orders: 2318 and 2406. What about 2318?")."""
    long_numbers = [n for n in slots.loose_numbers(text) if len(n) >= 4]
    return bool(slots.order_numbers(text) or (long_numbers and slots.mentions_order(text)))


def asks_after_thanks(talk: Talk) -> bool:
    """ "okee makasih kak! eh btw bisa bayar pake OVO ga?": a question after the thanks is for the
    knowledge base, not a goodbye."""
    parts = slots.sentences(talk.text)
    thanked = [i for i, part in enumerate(parts) if slots.find_phrases(part, (Table.THANKS,), talk.language)]
    after = parts[thanked[-1] + 1 :] if thanked else []
    return any(slots.ends_a_question(part) for part in after)


def _keeps_address(talk: Talk) -> bool:
    return bool(slots.find_phrases(talk.text, (Table.UNCHANGED,), talk.language))


def _leaning(talk: Talk) -> bool:
    """The model is not sure, but not far off: half the confidence it takes to act on its own."""
    return talk.turn.understanding.confidence >= talk.ctx.confidence_threshold / 2


def article_question(talk: Talk) -> bool:
    understanding = talk.turn.understanding
    asked = slots.ends_a_question(talk.text)
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
    return thanks(talk) or bool(slots.find_phrases(talk.text, (Table.DONE,), talk.language))


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


def thanks(talk: Talk) -> bool:
    return bool(slots.find_phrases(talk.text, (Table.THANKS,), talk.language))


def _gives_contact(talk: Talk) -> bool:
    return bool(slots.contacts(talk.text))


def _sharpened(talk: Talk, intent: str) -> str:
    """An order lookup that names a defect, a refund or a delay is that request ("order 1003 arrived
    broken", "still no refund for 1008"). So is a complaint about an order that names a defect ("wrong
    colour, order 7365, please exchange it"): the return flow can fix that; a person is for the rest.
    Asking for the money back by cancelling, in the middle of a return, is a cancel request."""
    if intent == "complaint" and (slots.order_numbers(talk.text) or talk.state.order):
        # a missing item too: the return flow verifies the order, then hands it to a person
        defect = slots.find_phrases(talk.text, (Table.DEFECT, Table.MISSING), talk.language)
        if defect:
            return "return_defective"
        # "ya van dos semanas y sigue sin llegar … un poco frustrante": a late parcel, which the delay
        # flow answers; anger, if any, has already gone to a person
        late = slots.find_phrases(talk.text, (Table.DELAY,), talk.language)
        return "delivery_delay" if late else intent
    if intent == "return_changed_mind" and _cancel_in_words(talk):
        return "cancel_order"  # "je voudrais annuler ma commande, je me suis trompée de couleur"
    instead = talk.state.flow == "returns" and slots.find_phrases(talk.text, (Table.CANCEL,), talk.language)
    if intent == "refund_status" and instead:
        return "cancel_order"  # "can't you just cancel it and refund me?" instead of sending it back
    if intent == "change_address" and _exchange(talk):
        if talk.state.flow == "returns" and talk.state.intent in RETURN_INTENTS:
            return talk.state.intent  # the return under way, of its kind
        defect = slots.find_phrases(talk.text, (Table.DEFECT,), talk.language)
        return "return_defective" if defect else "return_changed_mind"
    if intent == "size_advice" and slots.order_numbers(talk.text) and _in_words(talk, "return_changed_mind"):
        return "return_changed_mind"  # "Mサイズに交換ってできますか？注文番号は7730": an exchange, a return
    if intent == "invoice_request" and _address_in_words(talk) and not _names_an_invoice(talk):
        return "change_address"  # a formal letter asking to change the delivery address, no invoice named
    if intent == "shipping_cost_and_time" and slots.order_numbers(talk.text):
        return "order_status"  # "Bestellung 3927 … wann wird das verschickt?": this order's shipping
    if intent not in LOOKUPS:
        return intent
    for table, meant in _SAYS:
        if slots.find_phrases(talk.text, (table,), talk.language):
            return meant
    return intent


def _cancel_in_words(talk: Talk) -> bool:
    """A message that says "cancel" and nothing of sending back: a changed mind about an order asks
    to cancel it (an order already shipped is told so, and may be returned after)."""
    if talk.state.flow == "returns":
        return False
    found = {m.table for m in slots.find_phrases(talk.text, (Table.CANCEL, Table.SEND_BACK), talk.language)}
    return found == {Table.CANCEL}


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
