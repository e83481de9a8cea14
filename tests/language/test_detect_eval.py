"""``babeldesk eval langid`` and ``babeldesk eval mixed`` on small files the tests write."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from babeldesk.cli import main


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def _last_json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    lines = capsys.readouterr().out.strip().splitlines()
    figures: dict[str, object] = json.loads(lines[-1])
    return figures


def test_eval_langid_reports_accuracy_per_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write(
        tmp_path / "langid.jsonl",
        [
            {"text": "Where is my parcel? It should have arrived on Monday.", "lang": "en"},
            {"text": "¿Dónde está mi paquete? Debería haber llegado el lunes.", "lang": "es"},
            {"text": "Onde está o meu pacote? Você disse que chegaria na segunda.", "lang": "pt-BR"},
            {"text": "我的包裹在哪里？应该星期一到的。", "lang": "zh-Hans"},
            {"text": "ok", "lang": "de"},
            {"text": "#EMAIL#", "lang": "de"},
        ],
    )
    assert main(["eval", "langid", "--data", str(data)]) == 0
    figures = _last_json(capsys)
    assert set(figures) >= {"task", "n", "accuracy", "undetermined", "per_lang", "per_s"}
    assert figures["task"] == "langid"
    assert figures["n"] == 5  # "#EMAIL#" has no text to identify
    assert figures["no_text"] == 1
    assert figures["accuracy"] == 0.8
    assert figures["undetermined"] == 0.2
    assert figures["per_lang"] == {"de": 0.0, "en": 1.0, "es": 1.0, "pt": 1.0, "zh": 1.0}
    assert isinstance(figures["per_s"], float) and figures["per_s"] > 0


def test_eval_langid_reads_chat_rows_filters_languages_and_limits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write(
        tmp_path / "chat.jsonl",
        [
            {"src": "Guten Tag, meine Bestellung ist noch nicht da.", "src_lang": "de", "kind": "sentence"},
            {"src": "Bonjour, ma commande n'est pas arrivée.", "src_lang": "fr", "kind": "sentence"},
            {"src": "Hello, my order has not arrived.", "src_lang": "en", "kind": "word_pair"},
            {"src": "Hallo, mijn bestelling is er nog niet.", "src_lang": "nl", "kind": "sentence"},
        ],
    )
    assert main(["eval", "langid", "--data", str(data), "--langs", "de,en", "--limit", "3"]) == 0
    figures = _last_json(capsys)
    assert figures["n"] == 2
    assert figures["per_lang"] == {"de": 1.0, "en": 1.0}
    assert figures["per_kind"] == {"sentence": 1.0, "word_pair": 1.0}


def test_eval_mixed_reports_precision_recall_and_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _write(
        tmp_path / "mixed.jsonl",
        [
            {
                "text": "Ich habe die Rechnung bekommen , but the total is wrong again",
                "sentence_label": "mixed",
            },
            {
                "text": "I paid for express shipping , aber das Paket kam erst nach zwei Wochen",
                "sentence_label": "mixed",
            },
            {"text": "Das Paket kam heute an und alles war in Ordnung .", "sentence_label": "de"},
            {"text": "The parcel arrived today and everything was fine .", "sentence_label": "en"},
            {"text": "Merci beaucoup pour votre aide .", "sentence_label": "de"},
            {"text": ") .", "sentence_label": "other"},
        ],
    )
    assert main(["eval", "mixed", "--data", str(data)]) == 0
    figures = _last_json(capsys)
    assert set(figures) >= {"task", "n", "precision", "recall", "f1", "other_accuracy", "per_s"}
    assert figures["task"] == "mixed"
    assert figures["n"] == 6
    assert (figures["precision"], figures["recall"], figures["f1"]) == (1.0, 1.0, 1.0)
    assert figures["other_accuracy"] == 0.75  # French labelled German is the one miss


def test_eval_langid_reads_conversation_rows_in_their_conversation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A Dutch customer and an English agent in one chat, then a German customer who opens with "Ja".
    rows = [
        ("d1", "customer", "nl", "Hallo, mijn bestelling is nog steeds niet aangekomen, kunt u kijken?"),
        ("d1", "agent", "en", "Hello, of course. Could you give me the order number please?"),
        ("d1", "customer", "nl", "Ja"),
        ("d1", "customer", "nl", "ok"),
        ("d1", "agent", "en", "Okay."),
        ("d2", "customer", "nl", "Ja"),
    ]
    data = _write(
        tmp_path / "chat.jsonl",
        [{"doc_id": d, "sender": s, "src_lang": lang, "src": text} for d, s, lang, text in rows],
    )
    assert main(["eval", "langid", "--data", str(data)]) == 0
    figures = _last_json(capsys)
    # in its conversation only the opening "Ja" of d2 (no conversation yet: German) is missed
    assert figures["accuracy"] == round(5 / 6, 4)
    assert figures["undetermined"] == 0.0
    # alone, "Ja" twice is German and "ok", "Okay." are undetermined
    assert figures["accuracy_alone"] == round(2 / 6, 4)
    assert figures["per_lang_alone"] == {"en": 0.5, "nl": 0.25}

    assert main(["eval", "langid", "--data", str(data), "--alone"]) == 0
    alone = _last_json(capsys)
    assert alone["accuracy"] == figures["accuracy_alone"]
    assert "accuracy_alone" not in alone
