"""Protected spans and the glossary: what gets masked, how placeholders come back, and survival of
every span through adversarial engines (bent, moved, dropped and duplicated placeholders)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from babeldesk.language.translate.chain import TranslatorChain
from babeldesk.language.translate.protect import (
    PLACEHOLDER_PATTERN,
    Glossary,
    GlossaryTerm,
    SpanKind,
    TermKind,
    mask,
    restore,
)
from tests.language.fake_providers import Mangler, fake_translate

GLOSSARY = Glossary(
    (
        GlossaryTerm("FBA", TermKind.NEVER_TRANSLATE),
        GlossaryTerm("Babeldesk", TermKind.NEVER_TRANSLATE),
        GlossaryTerm("refund", TermKind.FIXED, {"es": "reembolso", "de": "Rückerstattung"}),
    ),
    version=7,
)


def spans(text: str, glossary: Glossary | None = None, target: str = "es") -> list[tuple[SpanKind, str]]:
    return [(s.kind, s.text) for s in mask(text, glossary, target=target).spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Order #1001 is late", [(SpanKind.ORDER_NUMBER, "#1001")]),
        ("my order ORD-2024-0042 please", [(SpanKind.CODE, "ORD-2024-0042")]),
        ("ORD-2015-0001 100 EUR", [(SpanKind.CODE, "ORD-2015-0001"), (SpanKind.PRICE, "100 EUR")]),
        # the "$" starts the next price: "0001 $" is no price (found by the property test below)
        ("ORD-2015-0001 $1.00", [(SpanKind.CODE, "ORD-2015-0001"), (SpanKind.PRICE, "$1.00")]),
        ("it costs 25 $ in all", [(SpanKind.PRICE, "25 $")]),
        ("UPS 1Z999AA10123456784.", [(SpanKind.TRACKING_NUMBER, "1Z999AA10123456784")]),
        ("Sendung RR123456785CN kam nicht", [(SpanKind.TRACKING_NUMBER, "RR123456785CN")]),
        ("label 9400 1000 0000 0000 0000 00 ok", [(SpanKind.TRACKING_NUMBER, "9400 1000 0000 0000 0000 00")]),
        ("FedEx 781234567890 today", [(SpanKind.NUMBER, "781234567890")]),
        ("write to jo.doe+shop@mail.example.com!", [(SpanKind.EMAIL, "jo.doe+shop@mail.example.com")]),
        ("see https://shop.example.com/r?id=5&x=1.", [(SpanKind.URL, "https://shop.example.com/r?id=5&x=1")]),
        ("(www.example.org/faq)", [(SpanKind.URL, "www.example.org/faq")]),
        ("call +1 (555) 123-4567 now", [(SpanKind.PHONE, "+1 (555) 123-4567")]),
        ("ruf 030 1234 5678 an", [(SpanKind.PHONE, "030 1234 5678")]),
        ("it was $1,299.00", [(SpanKind.PRICE, "$1,299.00")]),
        ("nur 20 € bitte", [(SpanKind.PRICE, "20 €")]),
        ("pay 15.50 EUR or R$ 30", [(SpanKind.PRICE, "15.50 EUR"), (SpanKind.PRICE, "R$ 30")]),
        ("₹1,27,995.50 only", [(SpanKind.PRICE, "₹1,27,995.50")]),
        ("kostet 1.299,00 € und 100 zł", [(SpanKind.PRICE, "1.299,00 €"), (SpanKind.PRICE, "100 zł")]),
        ("SKU AB-1234-XL in blue", [(SpanKind.CODE, "AB-1234-XL")]),
        ("我的订单12345678还没到", [(SpanKind.NUMBER, "12345678")]),
        ("注文番号は#A-7781です", [(SpanKind.ORDER_NUMBER, "#A-7781")]),
        ("already [[1]] here", [(SpanKind.PLACEHOLDER, "[[1]]")]),
        # adjacent prices: the reading that covers the most ("EUR 1" in the middle loses)
        (
            "#100 1 EUR 1 EUR",
            [(SpanKind.ORDER_NUMBER, "#100"), (SpanKind.PRICE, "1 EUR"), (SpanKind.PRICE, "1 EUR")],
        ),
        ("1 EUR 10 EUR", [(SpanKind.PRICE, "1 EUR"), (SpanKind.PRICE, "10 EUR")]),
        (
            "ORD-2015-0001 $1.00 $1.00",
            [(SpanKind.CODE, "ORD-2015-0001"), (SpanKind.PRICE, "$1.00"), (SpanKind.PRICE, "$1.00")],
        ),
        # a phone's last group may be the amount of the price after it, or not
        ("+1 100 1000 1000 1 EUR", [(SpanKind.PHONE, "+1 100 1000 1000"), (SpanKind.PRICE, "1 EUR")]),
        ("+1 100 1000 1000 $1.00", [(SpanKind.PHONE, "+1 100 1000 1000"), (SpanKind.PRICE, "$1.00")]),
    ],
)
def test_automatic_spans(text: str, expected: list[tuple[SpanKind, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Where is my order?",
        "I ordered 2 items at 10am on the 2nd, 64GB, 3x",
        "#blessed and #thanks",
        "It's 24/7 and 50% off",
        "100 kroner",
        "¿Dónde está mi pedido? Gracias 😊",
    ],
)
def test_ordinary_text_is_left_to_the_engine(text: str) -> None:
    assert spans(text) == []


def test_glossary_terms_match_whole_words_in_any_case_and_next_to_cjk() -> None:
    assert spans("Is FBA fba or FBAX?", GLOSSARY) == [
        (SpanKind.NEVER_TRANSLATE, "FBA"),
        (SpanKind.NEVER_TRANSLATE, "fba"),
    ]
    assert spans("用FBA发货", GLOSSARY) == [(SpanKind.NEVER_TRANSLATE, "FBA")]
    assert spans("FBA를 사용", GLOSSARY) == [(SpanKind.NEVER_TRANSLATE, "FBA")]
    assert spans("semi-FBA-ready", GLOSSARY) == [(SpanKind.NEVER_TRANSLATE, "FBA")]


def test_fixed_translations_go_in_at_restore_in_the_target_language() -> None:
    masked = mask("Refund please, the refund for FBA", GLOSSARY, target="es-MX")
    assert masked.text == "[[1]] please, the [[2]] for [[3]]"
    assert (
        restore("[[1]] por favor, el [[2]] para [[3]]", masked).text
        == "Reembolso por favor, el reembolso para FBA"
    )
    german = mask("refund", GLOSSARY, target="de")
    assert restore(german.text, german).text == "Rückerstattung"
    # No fixed translation into French: the engine translates the word.
    assert spans("refund", GLOSSARY, target="fr") == []


def test_a_url_containing_a_glossary_term_stays_one_span() -> None:
    assert spans("see https://babeldesk.example/FBA/help", GLOSSARY) == [
        (SpanKind.URL, "https://babeldesk.example/FBA/help")
    ]


@pytest.mark.parametrize(
    "bent",
    [
        "[[ 1 ]] x [[2]]",
        "［［１］］ x ［［２］］",
        "\\[\\[1\\]\\] x [[2]]",
        "【【1】】 x [ [2] ]",
        "[[١]] x [[٢]]",
        "[[2]] x [[1]]",
    ],
)
def test_bent_and_moved_placeholders_come_back(bent: str) -> None:
    masked = mask("#1001 x AB-1234-XL", target="es")
    restored = restore(bent, masked)
    assert restored.ok
    assert sorted(restored.text.split(" x ")) == ["#1001", "AB-1234-XL"]


@pytest.mark.parametrize(
    ("answer", "lost"),
    [
        ("[[1]] x", ("AB-1234-XL",)),
        ("[[1]] x [[2]] [[2]]", ("AB-1234-XL",)),
        ("[[1]] x [[2]] [[3]]", ("[[3]]",)),
        ("[1] x [[2]]", ("#1001",)),
    ],
)
def test_lost_duplicated_or_invented_placeholders_are_reported(answer: str, lost: tuple[str, ...]) -> None:
    restored = restore(answer, mask("#1001 x AB-1234-XL", target="es"))
    assert not restored.ok
    assert restored.lost == lost


def test_a_backslash_of_the_text_before_a_span_stays() -> None:
    masked = mask("C:\\0$ and \\#1001", target="es")
    assert restore(masked.text, masked).text == "C:\\0$ and \\#1001"
    # an engine that escapes the brackets gets them unescaped
    assert restore("\\[\\[1\\]\\] y", mask("#1001 and", target="es")).text == "#1001 y"


def test_pieces_keep_spans_away_from_the_engine() -> None:
    masked = mask("Hi! Order #1001, see https://x.example/t. Thanks", target="es")
    assert masked.pieces() == ["Hi! Order", ", see", ". Thanks"]
    assert (
        masked.rebuild(["¡Hola! Pedido", ", ver", ". Gracias"])
        == "¡Hola! Pedido #1001, ver https://x.example/t. Gracias"
    )
    only_spans = mask("#1001 https://x.example/t", target="es")
    assert not only_spans.needs_engine and only_spans.pieces() == []


# --- Property tests ------------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "hello", "where", "is", "my", "order", "please", "thanks", "the", "package", "refund", "Refund",
        "Wo", "ist", "mein", "Paket", "pedido", "dónde", "посылка", "где", "注文", "包裹", "在哪里", "😊",
        "ok", "Merci", "çok", "teşekkürler",
    ]
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", ", ", ". ", "! ", "? ", " - ", "\n", ": "])
LETTERS = st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZ")
DIGITS = st.integers(0, 9).map(str)
PROTECTED = st.one_of(
    st.integers(100, 99_999_999).map(lambda n: f"#{n}"),
    st.tuples(st.integers(2015, 2030), st.integers(1, 9999)).map(lambda t: f"ORD-{t[0]}-{t[1]:04d}"),
    st.lists(st.one_of(LETTERS, DIGITS), min_size=16, max_size=16).map(lambda c: "1Z" + "".join(c)),
    st.integers(100_000_000, 999_999_999).map(lambda n: f"RR{n}CN"),
    st.tuples(st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.sampled_from(["mail", "shop"])).map(
        lambda t: f"{t[0]}@{t[1]}.example.com"
    ),
    st.tuples(st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.integers(1, 999)).map(
        lambda t: f"https://shop.example.com/{t[0]}?id={t[1]}"
    ),
    st.tuples(st.integers(1, 99), st.integers(100, 999), st.integers(1000, 9999)).map(
        lambda t: f"+{t[0]} {t[1]} {t[2]} {t[2]}"
    ),
    st.tuples(st.sampled_from(["$", "€", "£", "¥"]), st.integers(1, 9999), st.integers(0, 99)).map(
        lambda t: f"{t[0]}{t[1]}.{t[2]:02d}"
    ),
    st.tuples(st.integers(1, 9999), st.sampled_from(["EUR", "USD", "€", "zł"])).map(
        lambda t: f"{t[0]} {t[1]}"
    ),
    st.tuples(st.from_regex(r"[A-Z]{2,3}", fullmatch=True), st.integers(1000, 9999)).map(
        lambda t: f"{t[0]}-{t[1]}-XL"
    ),
    st.sampled_from(["FBA", "Babeldesk", "fba"]),
)


@st.composite
def messages(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A message mixing words and protected items; returns it and the items it holds."""
    parts: list[str] = []
    items: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            item = draw(PROTECTED)
            items.append(item)
            parts.append(item)
        else:
            parts.append(draw(WORDS))
        parts.append(draw(SEPARATORS))
    return "".join(parts).strip(), items


@given(st.text())
def test_masking_then_restoring_unchanged_gives_back_the_source(text: str) -> None:
    masked = mask(text, target="es")
    restored = restore(masked.text, masked)
    assert restored.ok and restored.text == text
    assert masked.rebuild(masked.pieces()) == text


@given(messages(), st.integers(0, 10_000))
def test_every_item_is_protected_and_survives_bent_moved_placeholders(
    message: tuple[str, list[str]], seed: int
) -> None:
    text, items = message
    masked = mask(text, GLOSSARY, target="de")
    assert all(item not in masked.text for item in items), masked.text
    restored = restore(Mangler(seed, bend=0.7, lose=0.0)(masked.text), masked)
    assert restored.ok
    for item in set(items):
        assert restored.text.count(item) >= text.count(item)


@given(messages(), st.integers(0, 10_000))
def test_the_check_accepts_a_translation_exactly_when_each_placeholder_came_back_once(
    message: tuple[str, list[str]], seed: int
) -> None:
    masked = mask(message[0], GLOSSARY, target="es")
    answer = Mangler(seed, bend=0.5, lose=0.3)(masked.text)
    numbers = [int(m.group(1)) for m in PLACEHOLDER_PATTERN.finditer(answer)]
    exactly_once = sorted(numbers) == list(range(1, len(masked.spans) + 1))
    assert restore(answer, masked).ok is exactly_once


class AdversarialEngine:
    """In-process engine that translates like the fakes and loses placeholders a third of the time."""

    def __init__(self, seed: int) -> None:
        self.name = "adversarial"
        self.mangle = Mangler(seed, bend=0.6, lose=0.35)
        self.calls = 0

    async def translate(self, texts: Sequence[str], *, source: str | None, target: str) -> list[str]:
        self.calls += 1
        return [self.mangle(fake_translate(t, target)) for t in texts]


@settings(max_examples=60)
@given(st.lists(messages(), min_size=1, max_size=6), st.integers(0, 10_000))
async def test_all_spans_survive_an_adversarial_engine_through_the_chain(
    batch: list[tuple[str, list[str]]], seed: int
) -> None:
    chain = TranslatorChain([AdversarialEngine(seed)])
    result = await chain.translate([t for t, _ in batch], source="en", target="es", glossary=GLOSSARY)
    assert result.texts is not None
    for (text, items), out in zip(batch, result.texts, strict=True):
        for item in set(items):
            assert out.count(item) >= text.count(item), (text, out)
        assert PLACEHOLDER_PATTERN.search(out) is None or "[[" in text
        refunds = len(re.findall(r"(?i)\brefund\b", text))
        assert len(re.findall(r"(?i)reembolso", out)) == refunds
