"""Customs and import duties: what applies to parcels leaving the seller's country."""

from __future__ import annotations

from babeldesk.bot.facts import country_name
from babeldesk.bot.flows import faq
from babeldesk.bot.talk import Talk


async def run(talk: Talk) -> None:
    origin = talk.ctx.policy.customs_origin
    if not origin:
        # The seller has not said where parcels ship from; the knowledge base may know more.
        await faq.run(talk)
        return
    talk.say("customs_info", origin=country_name(origin, talk.language))
    talk.finish()
