"""The peer benchmark runs end to end on files the test writes (peers that are not installed are skipped)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import langid_peers


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.mkdir(parents=True)
    (path / "data.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def test_babeldesk_alone_and_in_conversation_on_every_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = [
        {
            "doc_id": "a",
            "sender": "customer",
            "src_lang": "nl",
            "src": "Hallo, mijn pakket is nog niet bezorgd.",
        },
        {"doc_id": "a", "sender": "customer", "src_lang": "nl", "src": "Ja"},
        {"doc_id": "a", "sender": "customer", "src_lang": "nl", "src": "#NUMBER#"},
    ]
    _write(tmp_path / "mt_chat_customer_support", chat)
    _write(tmp_path / "mt_bcontrast_chat_en_de", [])
    _write(
        tmp_path / "langid_lingua_testdata",
        [
            {"lang": "de", "kind": "sentence", "text": "Das Paket ist gestern angekommen, vielen Dank."},
            {"lang": "fr", "kind": "word_pair", "text": "colis livré"},
            {"lang": "af", "kind": "sentence", "text": "Die pakkie het gister aangekom."},
        ],
    )
    args = langid_peers.parse_args(["--data-dir", str(tmp_path), "--peers", ""])
    results = langid_peers.run(args)
    assert results["n"] == {"chat": 2, "lingua sentences": 1, "lingua word pairs": 1}
    ours = results["detectors"]["babeldesk"]
    assert ours["chat"]["accuracy"] == 0.5  # "Ja" alone is German
    assert ours["lingua sentences"]["accuracy"] == ours["lingua word pairs"]["accuracy"] == 1.0
    assert results["detectors"][langid_peers.IN_CONVERSATION]["chat"]["accuracy"] == 1.0
    langid_peers.print_report(results)
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert last["ratio_to_babeldesk"][langid_peers.IN_CONVERSATION]["chat"]["accuracy"] == 2.0


def test_an_unknown_peer_is_named() -> None:
    with pytest.raises(SystemExit, match="unknown peers: nope"):
        langid_peers.run(langid_peers.parse_args(["--peers", "nope"]))
