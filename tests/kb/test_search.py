"""Retrieval across languages on the demo articles, with the questions MIN_SCORE was calibrated on.

Each question is one a customer might write; none copies an article's wording. Those the articles
cannot answer must score under the threshold, so the bot says it has no good answer.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest

from babeldesk.db.engine import Database
from babeldesk.helpdesk.workspaces import do_create_workspace
from babeldesk.kb.demo import seed_demo_articles
from babeldesk.kb.records import Origin
from babeldesk.kb.search import search, search_text
from babeldesk.nlu.embed import Space, embed

ANSWERED = [
    ("pt", "Quanto tempo demora a entrega para o Brasil?", "shipping-times"),
    ("pt", "Posso devolver um produto e receber meu dinheiro de volta?", "returns-policy"),
    ("pt", "Vocês aceitam pagamento com PayPal?", "payment-methods"),
    ("pt-BR", "Vou ter que pagar imposto de importação?", "customs-and-duties"),
    ("ja", "配送にはどのくらい時間がかかりますか？", "shipping-times"),
    ("ja", "関税や輸入税を払う必要がありますか？", "customs-and-duties"),
    ("ja", "注文をキャンセルできますか？", "change-or-cancel-order"),
    ("ja", "靴のサイズはどう選べばいいですか？", "size-guide"),
    ("de", "Welche Größe soll ich bei Jacken nehmen, wenn ich zwischen zwei Größen liege?", "size-guide"),
    ("de", "Muss ich Zoll bezahlen, wenn ich in die Schweiz bestelle?", "customs-and-duties"),
    ("de", "Kann ich meine Lieferadresse noch ändern?", "change-or-cancel-order"),
    ("fr", "Puis-je retourner un article soldé ?", "returns-policy"),
    ("es", "¿Cuánto cuesta el envío exprés con DHL?", "shipping-times"),
    ("en", "Can I pay with Klarna?", "payment-methods"),
    ("en", "How long until my parcel arrives?", "shipping-times"),
    # Languages USE was not trained on are searched in the e5 space.
    ("vi", "Tôi có thể trả lại hàng và được hoàn tiền không?", "returns-policy"),
    ("id", "Berapa lama pengiriman ke Indonesia?", "shipping-times"),
    ("vi", "Tôi có thể thanh toán bằng PayPal không?", "payment-methods"),
    ("id", "Apakah saya harus membayar bea masuk dan pajak impor?", "customs-and-duties"),
]
UNANSWERED = [
    ("en", "Do you have a physical store in Paris?"),
    ("en", "Do you sell gift cards?"),
    ("en", "What is the capital of France?"),
    ("de", "Kann ich einen Gutschein verschenken?"),
    ("pt", "Vocês têm vagas de emprego?"),
    ("ja", "店舗の営業時間は何時から何時までですか？"),
    ("es", "¿Tienen tienda física en Madrid?"),
    ("vi", "Các bạn có tuyển dụng nhân viên không?"),
    ("id", "Apakah ada toko fisik di Jakarta?"),
]


@pytest.fixture(scope="module")
async def db(database_url: str) -> AsyncIterator[Database]:
    """These tests only read: one database, seeded once, and no truncating between them."""
    database = Database(database_url, pool_size=2)
    yield database
    await database.dispose()


@pytest.fixture(scope="module")
async def shop(db: Database) -> int:
    async with db.transaction() as conn:
        slug = f"search-{uuid.uuid4().hex[:8]}"
        workspace = await do_create_workspace(conn, slug=slug, name="Search", region="default")
        await seed_demo_articles(conn, workspace.id)
        return workspace.id


@pytest.mark.parametrize(("language", "question", "slug"), ANSWERED)
async def test_a_question_in_any_language_finds_the_article_that_answers_it(
    db: Database, shop: int, language: str, question: str, slug: str
) -> None:
    async with db.transaction() as conn:
        hits = await search_text(conn, shop, question, language=language)
    assert [hits[0].slug, hits[0].good_answer] == [slug, True], [(h.slug, round(h.score, 3)) for h in hits]


@pytest.mark.parametrize(("language", "question"), UNANSWERED)
async def test_a_question_no_article_answers_scores_under_the_threshold(
    db: Database, shop: int, language: str, question: str
) -> None:
    async with db.transaction() as conn:
        hits = await search_text(conn, shop, question, language=language)
    assert not any(hit.good_answer for hit in hits), [(h.slug, round(h.score, 3)) for h in hits]


async def test_a_hit_is_one_article_with_its_best_passage_and_every_version(db: Database, shop: int) -> None:
    async with db.transaction() as conn:
        hits = await search_text(conn, shop, "Wie lange dauert die Lieferung mit DHL?", language="de")
    assert len({hit.article_id for hit in hits}) == len(hits)
    top = hits[0]
    assert top.slug == "shipping-times"
    assert top.passage.language == "de"  # the German version says it best
    assert "DHL" in top.passage.body
    assert sorted(v.language for v in top.versions) == ["de", "en", "es"]
    assert all(v.origin == Origin.HUMAN for v in top.versions)
    assert top.best_version("de-AT") is not None and top.best_version("de-AT").language == "de"  # type: ignore[union-attr]
    assert top.best_version("ja").language == "en"  # type: ignore[union-attr]
    assert hits == sorted(hits, key=lambda h: -h.score)


async def test_a_section_of_an_article_is_found_as_its_own_passage(db: Database, shop: int) -> None:
    async with db.transaction() as conn:
        [top, *_] = await search_text(conn, shop, "What is EU 42 in US shoe sizes?", language="en")
    assert (top.slug, top.passage.heading) == ("size-guide", "Size guide: finding the right fit › Shoes")


async def test_search_stays_inside_its_workspace(db: Database, shop: int) -> None:
    async with db.transaction() as conn:
        other = await do_create_workspace(conn, slug=f"other-{shop}", name="Other", region="default")
        assert await search_text(conn, other.id, "How long does shipping take?", language="en") == []
        # Operators and quotes in a question are words, not query syntax.
        hits = await search_text(conn, shop, "shipping | & ! ' \\ (DHL) <-> :*", language="en")
    assert hits[0].slug == "shipping-times"


async def test_the_callers_vector_is_used_in_its_space(db: Database, shop: int) -> None:
    question = "Berapa lama pengiriman ke Indonesia?"
    vector = embed([question], Space.E5)[0]
    async with db.transaction() as conn:
        hits = await search(conn, shop, question, language="id", space=Space.E5, vector=vector)
        assert hits[0].slug == "shipping-times" and hits[0].space == Space.E5
        with pytest.raises(ValueError, match="512 dimensions"):
            await search(conn, shop, question, language="id", space=Space.USE, vector=vector)
