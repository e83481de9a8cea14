"""Shipping cost and time to a country, from the workspace's shipping rules."""

from __future__ import annotations

from babeldesk.bot.address import find_country
from babeldesk.bot.facts import money
from babeldesk.bot.flows import faq
from babeldesk.bot.talk import Talk


async def run(talk: Talk) -> None:
    if find_country(talk.text, talk.language) is None:
        talk.ask("shipping_ask_country", "country")
        return
    if not answer(talk):
        # No rule for this country: the policy does not say, so the bot does not either.
        await faq.run(talk)
        return
    talk.finish()


def answer(talk: Talk) -> bool:
    """Cost and time to the country the message names; False when it names none or no rule covers it."""
    policy = talk.ctx.policy
    found = find_country(talk.text, talk.language)
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
