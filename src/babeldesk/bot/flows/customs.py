"""Customs and import duties: what applies to parcels leaving the seller's country."""

from __future__ import annotations

from babeldesk.bot.facts import country_name
from babeldesk.bot.flows import faq
from babeldesk.bot.talk import Talk


async def run(talk: Talk) -> None:
    if not answer(talk):
        # The seller has not said where parcels ship from; the knowledge base may know more.
        await faq.run(talk)
        return
    talk.finish()


def answer(talk: Talk) -> bool:
    """Say what the policy says about customs; False when it says nothing."""
    origin = talk.ctx.policy.customs_origin
    if not origin:
        return False
    talk.say("customs_info", origin=country_name(origin, talk.language))
    return True
