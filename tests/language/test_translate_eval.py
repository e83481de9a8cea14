"""``babeldesk eval translate`` against the local OpenAI-compatible server, and without any engine."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from babeldesk.cli import main
from babeldesk.eval.translate import Segment, protected_survival
from tests.language.fake_providers import FakeOpenAI, closed_port_url, running

ROWS: list[dict[str, Any]] = [
    {"src": "Where is my order?", "src_lang": "en", "tgt_lang": "fr", "ref": "Où est ma commande ?"},
    {"src": "Thank you for your help.", "src_lang": "en", "tgt_lang": "fr", "ref": "Merci pour votre aide."},
    {"src": "Where is my order #1001?", "src_lang": "en", "tgt_lang": "es",
     "ref": "¿Dónde está mi pedido #1001?"},
    {"src": "Track it at https://shop.example/t/1Z999AA10123456784", "src_lang": "en", "tgt_lang": "es-MX",
     "ref": "Rastréelo en https://shop.example/t/1Z999AA10123456784"},
    {"id": "multi-1", "src_lang": "en", "src": "Hello",
     "refs": {"de": "Hallo", "pt-BR": "Olá", "zh-Hans": "你好"}},
]  # fmt: skip
ANSWERS = {"Where is my order?": "Où est ma commande ?", "Thank you for your help.": "Merci pour votre aide."}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "mt.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def llm() -> Iterator[FakeOpenAI]:
    with running(FakeOpenAI(api_key="sk-eval")) as fake:
        fake.answers = ANSWERS
        yield fake


def run_eval(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, dict[str, Any]]:
    assert main(["eval", "translate", *args]) == 0
    out = capsys.readouterr().out.rstrip("\n").split("\n")
    return "\n".join(out[:-1]), json.loads(out[-1])


def test_scores_every_direction_with_base_language_codes(
    capsys: pytest.CaptureFixture[str], data: Path, llm: FakeOpenAI
) -> None:
    table, figures = run_eval(
        capsys, "--data", str(data), "--engine", "openai", "--engine-url", llm.url, "--model", "fake-mt",
        "--api-key", "sk-eval",
    )  # fmt: skip
    assert list(figures) == ["task", "n", "chrf", "bleu", "per_direction", "protected_survival", "per_s"]
    assert figures["task"] == "translate" and figures["n"] == 7
    assert sorted(figures["per_direction"]) == ["en-de", "en-es", "en-fr", "en-pt", "en-zh"]
    assert figures["per_direction"]["en-fr"] == {"chrf": 100.0, "bleu": 100.0}
    assert figures["per_direction"]["en-de"]["chrf"] < 50  # "olleH" for "Hallo"
    directions = figures["per_direction"].values()
    assert figures["chrf"] == round(sum(d["chrf"] for d in directions) / 5, 2)
    assert figures["protected_survival"] == 1.0
    assert figures["per_s"] > 0
    assert "en-fr" in table and "protected spans intact: 100.0%" in table
    sent = [r.body["messages"][1]["content"] for r in llm.requests]
    assert "Where is my order [[1]]?" in sent  # protected spans were masked on the way out


def test_limit_and_targets_narrow_the_run(
    capsys: pytest.CaptureFixture[str], data: Path, llm: FakeOpenAI
) -> None:
    engine = ["--engine", "openai", "--engine-url", llm.url, "--model", "fake-mt", "--api-key", "sk-eval"]
    _, figures = run_eval(capsys, "--data", str(data), "--limit", "2", *engine)
    assert figures["n"] == 2 and list(figures["per_direction"]) == ["en-fr"]
    assert figures["protected_survival"] is None  # nothing protected in those two rows
    _, figures = run_eval(capsys, "--data", str(data), "--targets", "pt,zh-Hans", *engine)
    assert figures["n"] == 2 and list(figures["per_direction"]) == ["en-pt", "en-zh"]


def test_without_an_engine_it_says_so_and_fails(data: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "babeldesk", "eval", "translate", "--data", str(data)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "no translation engine configured" in done.stderr
    assert done.stdout == ""  # no figures at all


def test_an_engine_that_translates_nothing_fails_the_run(data: Path) -> None:
    with pytest.raises(SystemExit, match="translated nothing"):
        main(["eval", "translate", "--data", str(data), "--engine", "libretranslate",
              "--engine-url", closed_port_url()])  # fmt: skip


def test_an_incomplete_engine_is_refused_with_the_reason(data: Path) -> None:
    with pytest.raises(SystemExit, match="--engine openai: model: Field required"):
        main(["eval", "translate", "--data", str(data), "--engine", "openai", "--engine-url", "http://x"])


def test_survival_counts_spans_missing_from_the_output() -> None:
    segments = [
        Segment("Order #1001 to jo@x.example.com", "en", "es", ""),
        Segment("#7781 and #7781", "en", "es", ""),
    ]
    assert protected_survival(segments, ["Pedido #1001 a jo@x.example.com", "#7781"]) == round(3 / 4, 4)
    assert protected_survival(segments, [None, "#7781 y #7781"]) == round(2 / 4, 4)
