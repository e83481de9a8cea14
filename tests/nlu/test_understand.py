"""Understanding customer messages with the shipped model, in languages the examples were written in
and in languages they were not. The messages here are new sentences, not lines of the training data."""

from __future__ import annotations

import pytest

from babeldesk.nlu import understand
from babeldesk.nlu.cues import cues
from babeldesk.nlu.model import MODEL_PATH, fingerprint, load
from babeldesk.nlu.understanding import Sentiment

MESSAGES = [
    ("Hi, has my order 4471 left your warehouse yet?", "en", "order_status"),
    ("The tracking page for my parcel hasn't updated since Monday, where is it now?", "en", "track_shipment"),
    ("¿Me dan el número de seguimiento de mi paquete?", "es", "track_shipment"),
    ("Quero cancelar o pedido que fiz ontem, por favor", "pt", "cancel_order"),
    (
        "Die Jacke kam mit einem kaputten Reißverschluss an, ich möchte sie zurückschicken",
        "de",
        "return_defective",
    ),
    ("Les chaussures sont trop petites, je voudrais les retourner", "fr", "return_changed_mind"),
    ("配送先の住所を変更したいです", "ja", "change_address"),
    ("我想和人工客服说话", "zh", "request_human"),
    ("결제가 두 번 청구되었어요", "ko", "payment_problem"),
    ("أحتاج فاتورة لطلبي من فضلك", "ar", "invoice_request"),
    ("Bạn có giao hàng đến Việt Nam không, phí vận chuyển bao nhiêu?", "vi", "shipping_cost_and_time"),
    ("Apakah saya harus membayar bea cukai untuk paket ini?", "id", "customs_and_duties"),
    ("Kapan uang refund saya masuk?", "id", "refund_status"),
    ("Мой заказ должен был прийти неделю назад, а его всё нет", "ru", "delivery_delay"),
    ("Jaki rozmiar wybrać, jeśli noszę zwykle M?", "pl", "size_advice"),
    ("Merhaba!", "tr", "greeting"),
    ("תודה רבה על העזרה", "he", "thanks"),
]


def test_the_shipped_model_was_built_from_the_shipped_examples() -> None:
    assert load(MODEL_PATH).fingerprint == fingerprint(), "rebuild it: python -m babeldesk.nlu.build"


def test_intents_are_recognised_across_languages() -> None:
    results = understand([m[0] for m in MESSAGES], [m[1] for m in MESSAGES])
    wrong = [(m[0], m[2], r.intent) for m, r in zip(MESSAGES, results, strict=True) if r.intent != m[2]]
    # A few misses are tolerable in a model; many are a regression.
    assert len(wrong) <= 2, wrong
    assert all(0.0 < r.confidence <= 1.0 and r.runner_up not in (None, r.intent) for r in results)


def test_anger_and_urgency_raise_flags_that_calm_messages_do_not() -> None:
    angry, urgent, calm, happy = understand(
        [
            "ES LA TERCERA VEZ QUE ESCRIBO!!! Son unos estafadores, quiero mi dinero YA",
            "Necesito el paquete hoy, es para un cumpleaños mañana temprano",
            "Hola, ¿cuánto tarda el envío a Chile?",
            "¡Muchísimas gracias, llegó perfecto y me encanta!",
        ],
        ["es"] * 4,
    )
    assert angry.sentiment is Sentiment.NEGATIVE and angry.angry
    assert urgent.urgent and not urgent.angry
    assert calm.sentiment is Sentiment.NEUTRAL and not calm.angry and not calm.urgent
    assert happy.sentiment is Sentiment.POSITIVE and happy.sentiment_score > 0.5 and not happy.angry


def test_a_message_that_laughs_is_not_angry_on_the_models_word_alone() -> None:
    laughing, shouting = understand(
        [
            "a luminária não combinou com nada aqui em casa kkk e até agora nada do reembolso",
            "ATÉ AGORA NADA DO REEMBOLSO!!! kkk vocês são uma piada",
        ],
        ["pt", "pt"],
    )
    assert not laughing.angry
    assert shouting.angry  # the text's own signs still say it


def test_each_message_keeps_its_place_and_its_language_space() -> None:
    texts = ["Where is my order?", "Đơn hàng của tôi đâu rồi?", "Wo ist meine Bestellung?"]
    results = understand(texts, ["en", "vi", "de"])
    assert [r.language for r in results] == ["en", "vi", "de"]
    assert [str(r.space) for r in results] == ["use", "e5", "use"]
    assert [len(r.vector) for r in results] == [512, 384, 512]


@pytest.mark.parametrize("text", ["", "   ", "👍", "12345"])
def test_messages_without_words_are_understood_without_error(text: str) -> None:
    (result,) = understand([text], [None])
    assert result.intent and 0.0 <= result.confidence <= 1.0


def test_a_greeting_that_exclaims_is_no_stacked_anger() -> None:
    assert not cues("buenas!! devolví las zapatillas hace 10 días, ¿y el reembolso?").stacked_punctuation
    assert not cues("Hi Maria!! where is my order").stacked_punctuation
    assert cues("hola!! otra vez tarde?!").stacked_punctuation  # the later "?!" still counts
    assert cues("太离谱了！！！等了这么久还没到").stacked_punctuation
    assert cues("WHERE IS MY ORDER!!").stacked_punctuation
