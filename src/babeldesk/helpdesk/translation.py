"""Translation for people: the chains a process keeps, and an agent's reply in the customer's
language with its back-translation, to be checked before sending."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from babeldesk.db.engine import Database
from babeldesk.helpdesk.records import Agent, Conversation
from babeldesk.language import UNDETERMINED, detect
from babeldesk.language.translate import (
    Status,
    TranslationResult,
    TranslatorChain,
    build_chain,
    load_glossary,
    translate_cached,
    translation_settings,
)
from babeldesk.language.translate.base import base_language


class ChainCache:
    """One chain per workspace and settings: chains keep HTTP clients and local models warm."""

    def __init__(self) -> None:
        self._chains: dict[tuple[int, str], TranslatorChain] = {}

    def chain_for(self, workspace_id: int, settings: dict[str, Any]) -> TranslatorChain | None:
        """The workspace's chain; None when its settings are invalid (it then translates nothing)."""
        key = (workspace_id, json.dumps(settings.get("translation", {}), sort_keys=True))
        if key not in self._chains:
            try:
                self._chains[key] = build_chain(translation_settings(settings))
            except ValidationError:
                return None
        return self._chains[key]

    async def close(self) -> None:
        for chain in self._chains.values():
            await chain.aclose()
        self._chains.clear()


@dataclass(frozen=True)
class ReplyPreview:
    status: str  # translated | not_needed | no_engine | not_translated | no_language
    source_language: str
    target_language: str | None
    translation: str | None
    back_translation: str | None
    engine: str | None
    detail: str | None = None


def reply_language(agent: Agent, text: str) -> str:
    """The language the agent wrote in: detected, else the first one they write."""
    found = detect(text)
    writes = [s.code for s in agent.languages if s.write]
    if found.language != UNDETERMINED and (
        not writes or base_language(found.language) in {base_language(w) for w in writes}
    ):
        return found.language
    return writes[0] if writes else found.language


async def preview_reply(
    db: Database,
    chains: ChainCache,
    agent: Agent,
    conversation: Conversation,
    settings: dict[str, Any],
    text: str,
) -> ReplyPreview:
    """``text`` in the conversation's language, and that translated back into the agent's."""
    # Off the event loop: the first detection in a process loads the models (seconds).
    source = await asyncio.to_thread(reply_language, agent, text)
    target = conversation.language
    if target is None or base_language(target) == UNDETERMINED:
        return ReplyPreview(
            "no_language", source, None, None, None, None, "the customer's language is not known yet"
        )
    if base_language(target) == base_language(source):
        return ReplyPreview("not_needed", source, target, None, None, None)
    chain = chains.chain_for(conversation.workspace_id, settings)
    if chain is None:
        return ReplyPreview("no_engine", source, target, None, None, None, "translation settings are invalid")
    async with db.transaction() as conn:
        glossary = await load_glossary(conn, conversation.workspace_id)

    async def translate(texts: list[str], source: str, target: str) -> TranslationResult:
        return await translate_cached(
            db,
            chain,
            texts,
            workspace_id=conversation.workspace_id,
            source=source,
            target=target,
            glossary=glossary,
            customer_id=conversation.customer_id,
            region=conversation.region,
        )

    there = await translate([text], source, target)
    if there.status == Status.NO_ENGINE or there.texts is None:
        detail = "; ".join(f"{f.engine}: {f.message}" for f in there.failures) or None
        return ReplyPreview(str(there.status), source, target, None, None, None, detail)
    back = await translate(there.texts, target, source)
    back_text = back.texts[0] if back.texts else None
    return ReplyPreview("translated", source, target, there.texts[0], back_text, there.engine)
