"""Greetings and thanks."""

from __future__ import annotations

from babeldesk.bot.talk import Talk


async def greeting(talk: Talk) -> None:
    talk.state.end_flow()
    talk.say("greeting", shop=talk.ctx.shop_name)


async def thanks(talk: Talk) -> None:
    talk.state.end_flow()
    talk.state.pending = "anything_else"
    talk.say("thanks")
