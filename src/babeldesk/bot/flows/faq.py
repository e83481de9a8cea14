"""Questions the knowledge base answers. Without a good answer, the bot says so and offers a person."""

from __future__ import annotations

import asyncio

from babeldesk.bot.talk import Talk
from babeldesk.language.names import display_name

# An article translated on demand can take a while; past this, the customer is offered a person instead.
KNOWLEDGE_TIMEOUT_SECONDS = 10.0


async def run(talk: Talk) -> None:
    if not await answer(talk):
        not_found(talk)


def not_found(talk: Talk) -> None:
    """No article answers the question: the bot says so and offers a person."""
    talk.say("kb_not_found")
    _offer_person(talk)


async def answer(talk: Talk, *, then_offer: bool = True) -> bool:
    """Answer from the knowledge base when it has an answer in (or for) the customer's language;
    False, having said nothing, when it has none. Without ``then_offer`` (a customer waiting for a
    colleague), the answer is all that is said: no "anything else?", no offer of a person."""
    turn = talk.turn
    try:
        async with asyncio.timeout(KNOWLEDGE_TIMEOUT_SECONDS):
            found = await talk.ctx.knowledge.answer(turn.text, talk.language, turn.understanding)
    except TimeoutError:
        found = None
    if found is not None and found.text:
        talk.say("kb_answer", answer=found.text)
        if found.title:
            talk.say("kb_source", title=found.title)
        if then_offer:
            talk.finish()
        return True
    if found is not None and found.only_in and then_offer:
        talk.say("kb_untranslated", language=display_name(found.only_in, talk.language))
        _offer_person(talk)
        return True
    return False


def _offer_person(talk: Talk) -> None:
    if talk.state.intent:
        talk.state.remember(talk.state.intent)
    talk.state.end_flow()
    talk.state.pending = "person"
