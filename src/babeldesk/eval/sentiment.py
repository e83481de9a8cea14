"""``babeldesk eval sentiment``: macro-F1 of negative / neutral / positive, overall and per language.

Rows: ``text``, ``label`` and ``lang``. Without ``--train`` the shipped model is measured (trained on our
own examples only); with it, a model trained on that file the same way. Texts are cleaned and embedded
as the product does (links and @mentions out, each text in its language's space).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from babeldesk.eval import report
from babeldesk.eval.intent import Row, embed_in_own_space, examples, load_rows, predict
from babeldesk.nlu.classifier import FEELING_C, Classifier
from babeldesk.nlu.model import shipped
from babeldesk.nlu.text import clean

HELP = "sentiment: macro-F1 per language, with the shipped model or one trained on --train"
LABELS = ("negative", "neutral", "positive")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, required=True, help="JSONL: text, label, lang")
    parser.add_argument(
        "--train", type=Path, default=None, help="train on this file instead of the shipped model"
    )
    parser.add_argument("--limit", type=int, default=None, help="read at most N rows of --data")


def macro_f1(gold: list[str], guess: list[str]) -> float:
    scores = []
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, guess, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, guess, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, guess, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores)


def _cleaned(rows: list[Row]) -> list[Row]:
    return [(clean(text), label, language) for text, label, language in rows]


def run(args: argparse.Namespace) -> dict[str, Any]:
    data = _cleaned(load_rows(args.data, "label", args.limit))
    started = time.perf_counter()
    own = embed_in_own_space(data)
    elapsed = time.perf_counter() - started
    if args.train is None:
        model = shipped().sentiment
    else:
        model = Classifier.train(examples(_cleaned(load_rows(args.train, "label")), set(own)), FEELING_C)
    started = time.perf_counter()
    guess = predict(model, data, own)
    elapsed += time.perf_counter() - started
    by_lang: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for (_, gold, language), predicted in zip(data, guess, strict=True):
        by_lang[language][0].append(gold)
        by_lang[language][1].append(predicted)
    per_lang = {language: macro_f1(*pair) for language, pair in sorted(by_lang.items())}
    overall = macro_f1([r[1] for r in data], guess)
    figures = {
        "task": "sentiment",
        "n": len(data),
        "macro_f1": overall,
        "per_lang": per_lang,
        "per_s": len(data) / max(elapsed, 1e-9),
    }
    body = [(language, len(by_lang[language][0]), score) for language, score in per_lang.items()]
    body.append(("all", len(data), overall))
    report.emit(report.table(("language", "n", "macro-F1"), body), figures)
    return figures
