"""``babeldesk eval intent``, ``sentiment`` and ``retrieval`` on small files the tests write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from babeldesk.cli import main


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _last_json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    figures: dict[str, object] = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    return figures


TRAIN = [
    ("set an alarm for seven tomorrow", "alarm"),
    ("wake me up at 6 am", "alarm"),
    ("alarm for half past five please", "alarm"),
    ("will it rain this afternoon", "weather"),
    ("how cold is it outside", "weather"),
    ("what's the forecast for the weekend", "weather"),
    ("play some jazz", "music"),
    ("put on my running playlist", "music"),
    ("I want to hear that new song", "music"),
]
TEST = [
    ("Stell einen Wecker für sechs Uhr", "alarm", "de"),
    ("Wird es morgen regnen?", "weather", "de"),
    ("Spiel etwas Jazz", "music", "de"),
    ("Pon una alarma a las siete", "alarm", "es"),
    ("¿Va a llover hoy?", "weather", "es"),
    ("Pon música relajante", "music", "es"),
]


def test_eval_intent_trains_on_one_language_and_tests_on_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    train = _write(tmp_path / "train.jsonl", [{"text": t, "intent": i, "lang": "en"} for t, i in TRAIN])
    data = _write(tmp_path / "data.jsonl", [{"text": t, "intent": i, "lang": lang} for t, i, lang in TEST])
    assert main(["eval", "intent", "--train", str(train), "--data", str(data)]) == 0
    figures = _last_json(capsys)
    assert figures["task"] == "intent" and figures["n"] == 6
    assert set(figures) == {"task", "n", "accuracy", "per_lang", "per_s"}
    assert set(figures["per_lang"]) == {"de", "es"}  # type: ignore[arg-type]
    assert figures["accuracy"] >= 5 / 6  # type: ignore[operator]


def test_eval_intent_cross_validates_when_train_and_data_are_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{"text": t, "intent": i, "lang": "en"} for t, i in TRAIN * 2]
    data = _write(tmp_path / "one.jsonl", rows)
    assert main(["eval", "intent", "--train", str(data), "--data", str(data)]) == 0
    assert _last_json(capsys)["n"] == len(rows)


def test_eval_sentiment_with_the_shipped_model_and_with_a_trained_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"text": "I love it, thank you so much! 😍", "label": "positive", "lang": "en"},
        {
            "text": "Terrible service, the parcel never came and nobody answers",
            "label": "negative",
            "lang": "en",
        },
        {"text": "The store opens at nine on Saturdays", "label": "neutral", "lang": "en"},
        {"text": "¡Me encanta, gracias!", "label": "positive", "lang": "es"},
        {"text": "Un desastre, nunca más compro aquí", "label": "negative", "lang": "es"},
        {"text": "El paquete sale mañana desde Madrid", "label": "neutral", "lang": "es"},
    ]
    data = _write(tmp_path / "sentiment.jsonl", rows)
    assert main(["eval", "sentiment", "--data", str(data)]) == 0
    shipped = _last_json(capsys)
    assert set(shipped) == {"task", "n", "macro_f1", "per_lang", "per_s"}
    assert shipped["macro_f1"] >= 0.8  # type: ignore[operator]
    assert main(["eval", "sentiment", "--data", str(data), "--train", str(data)]) == 0
    assert _last_json(capsys)["macro_f1"] == 1.0


ANGER = [
    ("THIS IS THE THIRD TIME I WRITE!!! Useless, I want my money back", True, "negative", "en"),
    ("Absolute scam. I'm filing a chargeback and reporting you", True, "negative", "en"),
    ("Es una estafa, ridículo, quiero mi dinero YA!!", True, "negative", "es"),
    ("Hi, my parcel is a bit late, could you check please?", False, "negative", "en"),
    ("Thank you so much, it arrived and it's lovely", False, "positive", "en"),
    ("Hola, ¿cuándo llega mi pedido?", False, "neutral", "es"),
]


def test_eval_anger_with_the_shipped_models_and_in_folds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [{"text": t, "angry": a, "label": s, "lang": lang} for t, a, s, lang in ANGER]
    post = {"text": "Referee robbed us AGAIN, disgrace!!", "angry": True, "label": "negative", "kind": "post"}
    data = _write(tmp_path / "anger.jsonl", rows * 5 + [post])  # enough rows for five folds; posts skipped
    assert main(["eval", "anger", "--data", str(data), "--limit", "6"]) == 0
    shipped = _last_json(capsys)
    assert set(shipped) == {"task", "n", "angry", "precision", "recall", "f1", "per_lang", "per_s"}
    assert shipped["n"] == 6 and shipped["angry"] == 3
    assert shipped["precision"] == 1.0 and shipped["recall"] == 1.0
    assert main(["eval", "anger", "--data", str(data), "--folds"]) == 0
    folded = _last_json(capsys)
    assert folded["n"] == 30 and folded["precision"] == 1.0


def test_eval_retrieval_finds_each_sentences_english_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {
            "src": "The parcel was left with a neighbour.",
            "refs": {
                "es": "El paquete se dejó con un vecino.",
                "vi": "Bưu kiện đã được để lại cho hàng xóm.",
            },
        },
        {
            "src": "Refunds take five business days.",
            "refs": {
                "es": "Los reembolsos tardan cinco días hábiles.",
                "vi": "Hoàn tiền mất năm ngày làm việc.",
            },
        },
        {
            "src": "We do not ship to post office boxes.",
            "refs": {
                "es": "No enviamos a apartados postales.",
                "vi": "Chúng tôi không giao hàng đến hộp thư bưu điện.",
            },
        },
    ]
    data = _write(tmp_path / "multiway.jsonl", rows)
    assert main(["eval", "retrieval", "--data", str(data)]) == 0
    figures = _last_json(capsys)
    assert set(figures) == {"task", "n", "accuracy_at_1", "per_lang", "per_s"}
    assert figures["per_lang"] == {"es": 1.0, "vi": 1.0} and figures["n"] == 6
