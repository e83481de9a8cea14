"""Shipping cost and time to a country, from the workspace's shipping rules."""

from __future__ import annotations

from babeldesk.bot import places, slots
from babeldesk.bot.address import find_country
from babeldesk.bot.facts import money
from babeldesk.bot.flows import faq
from babeldesk.bot.lexicon import Table
from babeldesk.bot.talk import Talk
from babeldesk.language.translate.base import base_language

# Languages that name the place before the words for sending ("東京に発送", "서울로 배송").
_PLACE_FIRST = frozenset({"ja", "ko", "tr", "hi"})
# How far from "ship to" the place may stand, in characters of folded text.
_REACH = 40


async def run(talk: Talk) -> None:
    found = destination(talk)
    if found is None:
        talk.ask("shipping_ask_country", "country")
        return
    if not answer(talk, found):
        # No rule for this country: the policy does not say, so the bot does not either.
        await faq.run(talk)
        return
    talk.finish()


def destination(talk: Talk) -> tuple[str, str] | None:
    """The country the message names (code, and the name to say), or the country of a city named
    where the parcel should go ("bisa kirim ke Surabaya?")."""
    found = find_country(talk.text, talk.language)
    if found is not None:
        return found
    folded = slots.fold(talk.text)
    first = base_language(talk.language) in _PLACE_FIRST
    near = [
        folded[max(0, m.start - _REACH) : m.start + 1] if first else folded[m.end - 1 : m.end + _REACH]
        for m in slots.find_phrases(talk.text, (Table.SHIP_TO,), talk.language)
    ]
    return places.city_country(talk.text, talk.language, talk.turn.contact.timezone, near) if near else None


def answer(talk: Talk, found: tuple[str, str] | None = None) -> bool:
    """Cost and time to the country the message names (``found``, if already read); False when it
    names none or no rule covers it."""
    policy = talk.ctx.policy
    found = found or destination(talk)
    rule = policy.shipping_rule(found[0]) if found else None
    if found is None or rule is None:
        return False
    talk.progressed()
    talk.say(
        "shipping_info", days=policy.ship_within_days, country=found[1],
        cost=money(rule.cost, policy.currency, talk.language), transit=rule.transit_days,
    )  # fmt: skip
    threshold = policy.free_threshold(rule)
    if threshold is not None:
        talk.say("shipping_free_over", threshold=money(threshold, policy.currency, talk.language))
    return True
