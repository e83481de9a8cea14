"""Questions the knowledge base answers. Without a good answer, the bot says so and offers a person."""

from __future__ import annotations

import asyncio

from babeldesk.bot.talk import Talk
from babeldesk.language.translate.openai_compat import language_name

# An article translated on demand can take a while; past this, the customer is offered a person instead.
KNOWLEDGE_TIMEOUT_SECONDS = 10.0


async def run(talk: Talk) -> None:
    turn = talk.turn
    try:
        async with asyncio.timeout(KNOWLEDGE_TIMEOUT_SECONDS):
            answer = await talk.ctx.knowledge.answer(turn.text, talk.language, turn.understanding)
    except TimeoutError:
        answer = None
    if answer is not None and answer.text:
        talk.say("kb_answer", answer=answer.text)
        if answer.title:
            talk.say("kb_source", title=answer.title)
        talk.finish()
    elif answer is not None and answer.only_in:
        talk.say("kb_untranslated", language=language_name(answer.only_in))
        _offer_person(talk)
    else:
        talk.say("kb_not_found")
        _offer_person(talk)


def _offer_person(talk: Talk) -> None:
    if talk.state.intent:
        talk.state.remember(talk.state.intent)
    talk.state.end_flow()
    talk.state.pending = "person"
