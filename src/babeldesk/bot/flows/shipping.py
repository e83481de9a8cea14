"""Shipping cost and time to a country, from the workspace's shipping rules."""

from __future__ import annotations

from babeldesk.bot.address import find_country
from babeldesk.bot.facts import money
from babeldesk.bot.flows import faq
from babeldesk.bot.talk import Talk


async def run(talk: Talk) -> None:
    policy = talk.ctx.policy
    found = find_country(talk.text, talk.language)
    if found is None:
        talk.ask("shipping_ask_country", "country")
        return
    code, name = found
    rule = policy.shipping_rule(code)
    if rule is None:
        # No rule for this country: the policy does not say, so the bot does not either.
        await faq.run(talk)
        return
    talk.progressed()
    talk.say(
        "shipping_info", days=policy.ship_within_days, country=name,
        cost=money(rule.cost, policy.currency, talk.language), transit=rule.transit_days,
    )  # fmt: skip
    threshold = policy.free_threshold(rule)
    if threshold is not None:
        talk.say("shipping_free_over", threshold=money(threshold, policy.currency, talk.language))
    talk.finish()
