"""The bot's knowledge adapter over the real knowledge base (the demo shop's articles): answers in
the customer's language as written, else translated by the workspace's engine, else "only in X"."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy import update

from babeldesk.bot.context import KbAnswer
from babeldesk.bot.knowledge import DatabaseKnowledge
from babeldesk.bot.service import BotRuntime
from babeldesk.db.engine import Database
from babeldesk.db.tables import workspaces
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.helpdesk.workspaces import do_create_workspace
from babeldesk.kb.demo import seed_demo_articles
from tests.bot.conftest import understood
from tests.bot.test_service import rows
from tests.language.fake_providers import FakeOpenAI

RETURNS_PT = "Posso devolver um artigo e receber o reembolso?"


@pytest.fixture(scope="module")
def engine() -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI()
    fake.start()
    yield fake
    fake.stop()


@pytest.fixture
async def runtime(db: Database) -> AsyncIterator[BotRuntime]:
    chains = ChainCache()
    yield BotRuntime(db, chains)
    await chains.close()


@pytest.fixture
async def workspace_id(db: Database) -> int:
    async with db.transaction() as conn:
        workspace = await do_create_workspace(conn, slug="kb-bot", name="KB Bot", region="default")
        await seed_demo_articles(conn, workspace.id)
    return workspace.id


async def ask(runtime: BotRuntime, workspace_id: int, text: str, language: str) -> KbAnswer | None:
    async with runtime.db.transaction() as conn:
        knowledge = DatabaseKnowledge(conn, runtime, workspace_id)
        return await knowledge.answer(text, language, understood("product_question", language=language))


async def test_answers_come_as_written_translated_or_only_in_the_original(
    runtime: BotRuntime, workspace_id: int, engine: FakeOpenAI, clean_db: str
) -> None:
    spanish = await ask(runtime, workspace_id, "¿Puedo devolver un artículo y recibir un reembolso?", "es")
    assert spanish is not None
    assert spanish.title == "¿Puedo devolver un artículo y recibir un reembolso?"
    assert spanish.text.startswith("Sí. Puedes devolver")

    untranslated = await ask(runtime, workspace_id, RETURNS_PT, "pt")
    assert untranslated is not None
    assert (untranslated.text, untranslated.only_in) == ("", "en")

    engines = {"translation": {"engines": [{"kind": "openai", "url": engine.url, "model": "fake-mt"}]}}
    async with runtime.db.transaction() as conn:
        await conn.execute(update(workspaces).values(settings=engines))
    translated = await ask(runtime, workspace_id, RETURNS_PT, "pt")
    assert translated is not None and translated.only_in is None
    assert translated.text and "30" in translated.text
    kept = rows(clean_db, "SELECT language, origin FROM kb_versions WHERE language = 'pt'")
    assert kept == [{"language": "pt", "origin": "machine"}], "the next customer reads it at once"


async def test_a_question_the_articles_do_not_answer_gets_none(
    runtime: BotRuntime, workspace_id: int
) -> None:
    assert await ask(runtime, workspace_id, "Qual é a capital da Mongólia?", "pt") is None
