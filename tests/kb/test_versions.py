"""Which version a customer reads, how versions are cut into passages, and articles translated
through the workspace's engines (a local OpenAI-compatible server) into machine versions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update

from babeldesk.core.errors import DomainError
from babeldesk.db.engine import Database
from babeldesk.db.kb_tables import kb_passages
from babeldesk.db.tables import workspaces
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.kb.articles import find_article_id, get_article
from babeldesk.kb.editing import do_write_version
from babeldesk.kb.passages import MAX_WORDS, split_version, word_count
from babeldesk.kb.records import Origin, VersionSummary, best_version, language_tag
from babeldesk.kb.translate import do_machine_version, markdown_layout
from babeldesk.language.translate import do_keep_term
from tests.language.fake_providers import FakeOpenAI, fake_translate, running

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def version(id_: int, language: str, origin: Origin = Origin.HUMAN, days: int = 0) -> VersionSummary:
    return VersionSummary(
        id=id_, language=language, title="t", origin=origin, updated_at=T0 + timedelta(days=days)
    )


def test_a_customer_reads_a_person_s_version_in_their_language_first() -> None:
    en, pt, pt_machine_br = version(1, "en"), version(2, "pt", days=3), version(3, "pt-BR", Origin.MACHINE, 4)
    assert best_version([en, pt, pt_machine_br], "pt-BR") == pt  # human beats machine, region or not
    assert best_version([en, pt_machine_br], "pt-PT") == pt_machine_br
    assert best_version([en, pt, version(4, "pt-BR", days=5)], "pt-BR").id == 4  # type: ignore[union-attr]
    assert best_version([pt, en], "ja") == en  # the original: written first by a person
    assert best_version([version(5, "de", Origin.MACHINE), version(6, "fr", days=9)], None).id == 6  # type: ignore[union-attr]
    assert best_version([], "en") is None


def test_language_tags_are_spelled_as_usual_and_nonsense_refused() -> None:
    assert [language_tag(t) for t in ("pt_br", "ZH-hant", "en")] == ["pt-BR", "zh-Hant", "en"]
    with pytest.raises(DomainError, match="not a language code"):
        language_tag("english")


def test_a_faq_is_one_passage_and_an_article_is_cut_at_headings_and_long_sections() -> None:
    [faq] = split_version("faq", "Do you ship to **Canada**?", "Yes, in 5–8 days.\n\nSee [rates](/rates).")
    assert (faq.heading, faq.body) == ("Do you ship to Canada?", "Yes, in 5–8 days. See rates.")
    long = " ".join(f"Sentence {i} is about sizes and fit." for i in range(60))  # 420 words
    passages = split_version("article", "Sizes", f"Intro text.\n\n## Long part\n\n{long}\n\n## Short\n\nEnd.")
    assert [p.heading for p in passages] == ["Sizes", *["Sizes › Long part"] * 3, "Sizes › Short"]
    assert all(word_count(p.body) <= MAX_WORDS for p in passages)
    assert " ".join(p.body for p in passages[1:4]) == long
    assert word_count("配送にはどのくらい") == 5  # unspaced scripts count about two characters a word


def test_markdown_keeps_its_marks_and_only_words_are_translated() -> None:
    body = "## Tops\n\n| Size | Chest |\n|---|---|\n| S | 88 |\n\n- one\n- two\n\n```\ncode\n```\nLast\nline."
    layout = markdown_layout(body)
    assert layout.texts == ["Tops", "Size", "Chest", "S", "88", "one", "two", "Last line."]
    out = layout.render([t.upper() for t in layout.texts])
    assert (
        out
        == "## TOPS\n\n| SIZE | CHEST |\n|---|---|\n| S | 88 |\n\n- ONE\n- TWO\n\n```\ncode\n```\nLAST LINE."
    )


@pytest.fixture
def engine() -> Iterator[FakeOpenAI]:
    with running(FakeOpenAI()) as fake:
        yield fake


async def use_engine(db: Database, workspace_id: int, engine: FakeOpenAI) -> None:
    settings = {
        "translation": {"engines": [{"kind": "openai", "url": f"{engine.url}/v1", "model": engine.model}]}
    }
    async with db.transaction() as conn:
        await conn.execute(
            update(workspaces).where(workspaces.c.id == workspace_id).values(settings=settings)
        )


async def article_id(db: Database, workspace_id: int, slug: str) -> int:
    async with db.transaction() as conn:
        found = await find_article_id(conn, workspace_id, slug)
    assert found is not None
    return found


async def test_without_an_engine_there_is_no_translation(db: Database, shop: int) -> None:
    chains = ChainCache()
    payment = await article_id(db, shop, "payment-methods")
    assert await do_machine_version(db, chains, shop, payment, "es") is None
    german = await do_machine_version(db, chains, shop, payment, "de-CH")  # a person's de is there
    assert german is not None and (german.language, german.origin) == ("de", Origin.HUMAN)


async def test_an_article_is_translated_once_kept_as_a_machine_version_and_found_in_its_language(
    db: Database, shop: int, engine: FakeOpenAI
) -> None:
    await use_engine(db, shop, engine)
    async with db.transaction() as conn:
        await do_keep_term(conn, shop, "Klarna")
    chains = ChainCache()
    payment = await article_id(db, shop, "payment-methods")
    made = await do_machine_version(db, chains, shop, payment, "es-MX")
    assert made is not None
    assert (made.language, made.origin, made.engine) == ("es-MX", Origin.MACHINE, "openai:fake-mt")
    assert made.title == fake_translate("Which payment methods do you accept?", "es")
    assert "Klarna" in made.body and "anralK" not in made.body  # the glossary kept the brand
    async with db.transaction() as conn:
        article = await get_article(conn, shop, payment)
        passages = await conn.scalar(select(kb_passages.c.id).where(kb_passages.c.version_id == made.id))
    english = next(v for v in article.versions if v.language == "en")
    assert made.source_version_id == english.id and passages is not None
    assert best_version(article.versions, "es") == made

    calls = len(engine.requests)
    again = await do_machine_version(db, chains, shop, payment, "es")
    assert again is not None and again.id == made.id and len(engine.requests) == calls

    # The original changes: its translation is dropped, and made again from the new text on demand.
    await do_write_version(db, shop, None, payment, language="en", title="Payment", body="Cards only.")
    async with db.transaction() as conn:
        assert [v.language for v in (await get_article(conn, shop, payment)).versions] == ["de", "en"]
    remade = await do_machine_version(db, chains, shop, payment, "es")
    assert remade is not None and remade.body == fake_translate("Cards only.", "es")
    await chains.close()


async def test_a_person_s_version_replaces_a_machine_one(db: Database, shop: int, engine: FakeOpenAI) -> None:
    await use_engine(db, shop, engine)
    chains = ChainCache()
    sizes = await article_id(db, shop, "size-guide")
    made = await do_machine_version(db, chains, shop, sizes, "fr")
    assert made is not None and made.body.startswith(
        fake_translate("Our clothes follow European sizes.", "fr")
    )
    assert "|---|---|" in made.body and "\n## " in made.body
    written = await do_write_version(
        db, shop, None, sizes, language="fr", title="Tailles", body="Européennes."
    )
    assert (written.id, written.origin, written.engine, written.source_version_id) == (
        made.id,
        "human",
        None,
        None,
    )
    await chains.close()


async def test_an_engine_that_fails_gives_no_translation(db: Database, shop: int, engine: FakeOpenAI) -> None:
    await use_engine(db, shop, engine)
    engine.stop()
    chains = ChainCache()
    assert (
        await do_machine_version(db, chains, shop, await article_id(db, shop, "customs-and-duties"), "ja")
        is None
    )
    await chains.close()
