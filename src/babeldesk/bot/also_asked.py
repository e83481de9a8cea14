"""A second question in the message just answered: "where is order 6625? and do I pay customs in the
US?". An order question beside a customs or shipping-to-a-country one is answered either way round,
and so are a shipping and a customs question side by side, or either beside a question about a
product the knowledge base answered."""

from __future__ import annotations

from babeldesk.bot import slots
from babeldesk.bot.address import find_country
from babeldesk.bot.flows import customs, shipping
from babeldesk.bot.lexicon import Table
from babeldesk.bot.talk import Talk

# Questions that only look an order up (a message that also names a defect or a delay asks more).
LOOKUPS = frozenset({"order_status", "track_shipment", "delivery_delay"})
COUNTRY_INTENTS = frozenset({"shipping_cost_and_time", "customs_and_duties"})
# Questions the knowledge base answers, beside which a shipping or customs question is answered too.
ARTICLE_INTENTS = ("size_advice", "product_question")


def second_request(talk: Talk, answered: str) -> str | None:
    text, language = talk.text, talk.language
    if answered in LOOKUPS:
        if slots.find_phrases(text, (Table.CUSTOMS,), language):
            return "customs_and_duties"
        if _ships_to_a_country(talk):
            return "shipping_cost_and_time"
    elif answered in COUNTRY_INTENTS and slots.order_numbers(text):
        return "order_status"  # where it stands, and where its parcel is when it has one
    elif answered in COUNTRY_INTENTS and talk.state.order and _asks_arrival(talk):
        return "track_shipment"  # "and when will it get here?" about the order spoken of
    elif answered == "shipping_cost_and_time" and slots.find_phrases(text, (Table.CUSTOMS,), language):
        return "customs_and_duties"  # "do you ship to Norway, how much, and is there duty?"
    elif answered in ("customs_and_duties", *ARTICLE_INTENTS) and _ships_to_a_country(talk):
        return "shipping_cost_and_time"  # "which size should I take? and what is shipping to Poland?"
    elif answered in ARTICLE_INTENTS and slots.find_phrases(text, (Table.CUSTOMS,), language):
        return "customs_and_duties"
    return None


def _asks_arrival(talk: Talk) -> bool:
    return bool(slots.find_phrases(talk.text, (Table.ARRIVAL,), talk.language))


def _ships_to_a_country(talk: Talk) -> bool:
    text, language = talk.text, talk.language
    return bool(slots.find_phrases(text, (Table.SHIP_TO,), language) and find_country(text, language))


def answer_first(talk: Talk, asked: str) -> None:
    """A customs or shipping question beside an order question that waits for the customer (an email
    to verify): answered now, before the order question's own."""
    second = second_request(talk, asked)
    if second not in COUNTRY_INTENTS:
        return
    waiting = list(zip(talk.keys, talk.replies, strict=True))
    talk.keys.clear()
    talk.replies.clear()
    answer_now(talk, second)
    talk.keys.extend(key for key, _ in waiting)
    talk.replies.extend(reply for _, reply in waiting)


def answer_now(talk: Talk, intent: str) -> bool:
    """Answer a customs or shipping-to-a-country question in this turn, beside whatever else is going
    on; False when it needs asking back (no country named) or the policy does not say."""
    return customs.answer(talk) if intent == "customs_and_duties" else shipping.answer(talk)
