"""The PostgreSQL translation cache and the glossary tables, on the real migrated database."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import delete, func, select

from babeldesk.db.engine import Database
from babeldesk.db.tables import customers, workspaces
from babeldesk.db.translation_tables import translation_cache
from babeldesk.language.translate.cache import (
    CacheScope,
    erase_customer_entries,
    lookup,
    store,
    translate_cached,
)
from babeldesk.language.translate.chain import (
    EngineSlot,
    Status,
    TranslatedText,
    TranslationResult,
    TranslatorChain,
)
from babeldesk.language.translate.glossary import (
    do_fix_translation,
    do_keep_term,
    do_remove_term,
    glossary_version,
    load_glossary,
)
from babeldesk.language.translate.protect import Glossary, GlossaryTerm, TermKind
from tests.conftest import Demo


class Recording:
    """An in-process engine that says what it was asked."""

    def __init__(self, name: str, *, lose_placeholders: bool = False) -> None:
        self.name = name
        self.asked: list[str] = []
        self.lose_placeholders = lose_placeholders

    async def translate(self, texts: Sequence[str], *, source: str | None, target: str) -> list[str]:
        self.asked += texts
        out = [f"{self.name}<{target}>:{t}" for t in texts]
        return [o.replace("[[1]]", "") for o in out] if self.lose_placeholders else out


@pytest.fixture
async def shop(db: Database, demo: Demo) -> tuple[int, int, int]:
    """The demo workspace and two of its customers."""
    async with db.transaction() as conn:
        workspace_id = await conn.scalar(select(workspaces.c.id))
        ids = (await conn.scalars(select(customers.c.id).order_by(customers.c.id).limit(2))).all()
    assert workspace_id is not None and len(ids) == 2
    return workspace_id, ids[0], ids[1]


async def cached_rows(db: Database) -> int:
    async with db.transaction() as conn:
        return int(await conn.scalar(select(func.count()).select_from(translation_cache)) or 0)


async def test_identical_requests_are_served_from_the_cache(db: Database, shop: tuple[int, int, int]) -> None:
    workspace_id, customer, _ = shop
    engine = Recording("mt")
    chain = TranslatorChain([engine])

    async def ask(texts: list[str], target: str = "en", glossary: Glossary | None = None) -> list[str] | None:
        result = await translate_cached(
            db,
            chain,
            texts,
            workspace_id=workspace_id,
            source="es",
            target=target,
            glossary=glossary or Glossary(),
            customer_id=customer,
            region="default",
        )
        assert result.status is Status.TRANSLATED
        return result.texts

    assert await ask(["hola", "gracias"]) == ["mt<en>:hola", "mt<en>:gracias"]
    assert await ask(["gracias", "hola", "adiós"]) == ["mt<en>:gracias", "mt<en>:hola", "mt<en>:adiós"]
    assert engine.asked == ["hola", "gracias", "adiós"]  # only the new text reached the engine
    await ask(["hola"], target="de")
    await ask(["hola"], glossary=Glossary((GlossaryTerm("x", TermKind.NEVER_TRANSLATE),), version=5))
    assert engine.asked[3:] == ["hola", "hola"]  # another target or glossary version is another entry
    assert await cached_rows(db) == 5


async def test_a_cached_translation_says_so_and_which_engine_made_it(
    db: Database, shop: tuple[int, int, int]
) -> None:
    workspace_id, customer, _ = shop
    first, second = Recording("first"), Recording("second")

    async def ask(chain: TranslatorChain, customer_id: int | None) -> TranslationResult:
        return await translate_cached(
            db,
            chain,
            ["hola"],
            workspace_id=workspace_id,
            source=None,
            target="en",
            glossary=Glossary(),
            customer_id=customer_id,
            region="eu",
        )

    await ask(TranslatorChain([second]), customer)
    await ask(TranslatorChain([first]), customer)
    result = await ask(TranslatorChain([first, second]), None)
    assert result.items is not None
    assert result.items[0].cached and result.items[0].engine == "first"  # the chain's own preference
    assert result.texts == ["first<en>:hola"]
    async with db.transaction() as conn:
        regions = set((await conn.scalars(select(translation_cache.c.region))).all())
        sources = set((await conn.scalars(select(translation_cache.c.source_lang))).all())
    assert regions == {"eu"} and sources == {"auto"}


async def test_a_translation_rebuilt_around_lost_spans_is_not_cached(
    db: Database, shop: tuple[int, int, int]
) -> None:
    workspace_id, customer, _ = shop
    engine = Recording("lossy", lose_placeholders=True)
    for _ in range(2):
        result = await translate_cached(
            db,
            TranslatorChain([EngineSlot(engine)]),
            ["pedido #1001 por favor"],
            workspace_id=workspace_id,
            source="es",
            target="en",
            glossary=Glossary(),
            customer_id=customer,
            region="default",
        )
        assert result.items is not None and result.items[0].retried
        assert "#1001" in result.items[0].text
    assert engine.asked.count("pedido [[1]] por favor") == 2
    assert await cached_rows(db) == 0


async def test_not_translated_is_not_cached(db: Database, shop: tuple[int, int, int]) -> None:
    workspace_id, customer, _ = shop

    class Down:
        name = "down"

        async def translate(self, texts: Sequence[str], *, source: str | None, target: str) -> list[str]:
            raise TimeoutError

    result = await translate_cached(
        db,
        TranslatorChain([Down()]),
        ["hola"],
        workspace_id=workspace_id,
        source="es",
        target="en",
        glossary=Glossary(),
        customer_id=customer,
        region="default",
    )
    assert result.status is Status.NOT_TRANSLATED and result.texts is None
    assert await cached_rows(db) == 0


async def test_a_customers_entries_can_be_found_and_erased(db: Database, shop: tuple[int, int, int]) -> None:
    workspace_id, alice, bob = shop
    chain = TranslatorChain([Recording("mt")])
    for customer, texts in ((alice, ["hola", "mi pedido"]), (bob, ["hola", "gracias"]), (None, ["saludos"])):
        await translate_cached(
            db,
            chain,
            texts,
            workspace_id=workspace_id,
            source="es",
            target="en",
            glossary=Glossary(),
            customer_id=customer,
            region="default",
        )
    # Bob's "hola" was served from Alice's entry: nothing of Bob's was stored for it.
    assert await cached_rows(db) == 4
    async with db.transaction() as conn:
        assert await erase_customer_entries(conn, alice) == 2
        assert await erase_customer_entries(conn, alice) == 0
        left = (await conn.scalars(select(translation_cache.c.customer_id))).all()
    assert sorted(left, key=str) == sorted([bob, None], key=str)
    async with db.transaction() as conn:
        await conn.execute(delete(customers).where(customers.c.id == bob))
    assert await cached_rows(db) == 1  # deleting a customer deletes their entries too


async def test_storing_the_same_entry_again_updates_it(db: Database, shop: tuple[int, int, int]) -> None:
    scope = CacheScope(shop[0], None, "en", 0)
    for translation in ("first", "second"):
        async with db.transaction() as conn:
            await store(
                conn, scope, ["hola"], [TranslatedText(translation, "mt")], customer_id=None, region="x"
            )
    async with db.transaction() as conn:
        found = await lookup(conn, scope, ["hola", "adiós"], ["mt"])
    assert found == {0: TranslatedText("second", "mt", cached=True)}
    assert await cached_rows(db) == 1


async def test_glossary_terms_round_trip_and_every_change_moves_the_version(
    db: Database, shop: tuple[int, int, int]
) -> None:
    workspace_id = shop[0]
    async with db.transaction() as conn:
        assert await glossary_version(conn, workspace_id) == 0
        assert await load_glossary(conn, workspace_id) == Glossary((), 0)
        await do_keep_term(conn, workspace_id, "FBA")
        await do_fix_translation(conn, workspace_id, "refund", "es", "reembolso")
        await do_fix_translation(conn, workspace_id, "refund", "de", "Rückerstattung")
        await do_fix_translation(conn, workspace_id, "refund", "es", "reintegro")  # replaces the first
        glossary = await load_glossary(conn, workspace_id)
    assert glossary.version == 4
    assert glossary.terms == (
        GlossaryTerm("FBA", TermKind.NEVER_TRANSLATE),
        GlossaryTerm("refund", TermKind.FIXED, {"es": "reintegro", "de": "Rückerstattung"}),
    )
    async with db.transaction() as conn:
        assert await do_remove_term(conn, workspace_id, "refund", TermKind.FIXED, "de")
        assert not await do_remove_term(conn, workspace_id, "nothing", TermKind.NEVER_TRANSLATE)
        glossary = await load_glossary(conn, workspace_id)
    assert glossary.version == 5
    assert glossary.terms[1] == GlossaryTerm("refund", TermKind.FIXED, {"es": "reintegro"})


async def test_a_glossary_change_retires_cached_translations(
    db: Database, shop: tuple[int, int, int]
) -> None:
    workspace_id, customer, _ = shop
    engine = Recording("mt")
    chain = TranslatorChain([engine])

    async def ask() -> None:
        async with db.transaction() as conn:
            glossary = await load_glossary(conn, workspace_id)
        await translate_cached(
            db,
            chain,
            ["Use FBA"],
            workspace_id=workspace_id,
            source="en",
            target="es",
            glossary=glossary,
            customer_id=customer,
            region="default",
        )

    await ask()
    await ask()
    async with db.transaction() as conn:
        await do_keep_term(conn, workspace_id, "FBA")
    await ask()
    assert engine.asked == ["Use FBA", "Use [[1]]"]
