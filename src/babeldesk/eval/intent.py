"""``babeldesk eval intent``: intent accuracy, overall and per language, and messages/s.

Rows: ``text``, ``intent`` and ``lang`` (``en`` when missing). The classifier is trained on ``--train``
(usually English only: testing on other languages is the cross-lingual case) and classifies every
``--data`` row in the embedding space of the row's language, as the product does. Like the product, it
first learns each new language's offset from the unlabelled texts it is about to classify (see
``nlu/centroids.py``); labels are never looked at for that. It is trained as a seller's own intents
are: divided by each language's spread, with the nearest examples voting for languages the examples
do not cover (``nlu/neighbours.py``). When ``--train`` and ``--data`` are the same
file, rows are split into five folds and each fold is classified by a model trained on the other four.
Speed is messages/s of embedding and classifying the ``--data`` rows on this machine.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from babeldesk.eval import report
from babeldesk.language.translate.base import base_language
from babeldesk.nlu.classifier import SPREAD_C, Classifier, Examples
from babeldesk.nlu.embed import Grouped, Space, embed_in_own_spaces
from babeldesk.nlu.variety import reading

HELP = "intent recognition: accuracy per language (train on one file, test on another), messages/s"
FOLDS = 5

Row = tuple[str, str, str]  # text, label, base language


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--train", type=Path, required=True, help="JSONL: text, intent, lang")
    parser.add_argument("--data", type=Path, required=True, help="JSONL: text, intent, lang")
    parser.add_argument("--limit", type=int, default=None, help="read at most N rows of --data")


def load_rows(path: Path, label_key: str, limit: int | None = None) -> list[Row]:
    rows = []
    for row in report.read_jsonl(path, limit):
        text, label = row.get("text"), row.get(label_key)
        if isinstance(text, str) and text.strip() and isinstance(label, str):
            rows.append((text, label, base_language(str(row.get("lang") or "en"))))
    return rows


def examples(rows: list[Row], spaces: set[Space]) -> Examples:
    languages = [reading(r[0], r[2]) or r[2] for r in rows]
    return Examples.embed([r[0] for r in rows], [r[1] for r in rows], languages, spaces)


def embed_in_own_space(rows: list[Row]) -> Grouped:
    """Each row's vector in its language's space, as the product embeds an incoming message."""
    return embed_in_own_spaces([r[0] for r in rows], [r[2] for r in rows])


def predict(model: Classifier, rows: list[Row], vectors: Grouped) -> list[str]:
    """Each row's most likely label."""
    predicted = [""] * len(rows)
    for space, (index, matrix) in vectors.items():
        languages = [reading(rows[i][0], rows[i][2]) for i in index]
        model.learn_languages(space, matrix, languages)
        texts = [rows[i][0] for i in index]
        best = model.probabilities(space, matrix, languages, texts).argmax(axis=1)
        for i, label in zip(index, best, strict=True):
            predicted[i] = model.labels[label]
    return predicted


def folds(n: int) -> list[list[int]]:
    order = np.random.default_rng(7).permutation(n)
    return [sorted(int(i) for i in order[k::FOLDS]) for k in range(FOLDS)]


def score(rows: list[Row], predicted: list[str], elapsed: float, task: str) -> dict[str, Any]:
    hits: dict[str, list[bool]] = defaultdict(list)
    for (_, gold, language), guess in zip(rows, predicted, strict=True):
        hits[language].append(gold == guess)
    per_lang = {language: float(np.mean(h)) for language, h in sorted(hits.items())}
    n = len(rows)
    accuracy = sum(sum(h) for h in hits.values()) / n if n else 0.0
    return {"task": task, "n": n, "accuracy": accuracy, "per_lang": per_lang, "per_s": n / max(elapsed, 1e-9)}


def held_out(vectors: Grouped, test: list[int]) -> Grouped:
    """The vectors of the ``test`` rows, per space, renumbered to their positions in ``test``."""
    position = {row: k for k, row in enumerate(test)}
    out: Grouped = {}
    for space, (index, matrix) in vectors.items():
        keep = [j for j, row in enumerate(index) if row in position]
        if keep:
            out[space] = ([position[index[j]] for j in keep], matrix[keep])
    return out


def trained(examples: Examples) -> Classifier:
    """A classifier as a seller's own intents get one: examples in one language must carry into all."""
    return Classifier.train(examples, SPREAD_C, lexical=True, spread=True, neighbours=True)


def evaluate(train: list[Row], data: list[Row], same_file: bool) -> tuple[list[str], float]:
    """Predicted labels for ``data`` and the seconds spent embedding and classifying it."""
    started = time.perf_counter()
    own = embed_in_own_space(data)
    elapsed = time.perf_counter() - started
    if not same_file:
        model = trained(examples(train, set(own)))
        started = time.perf_counter()
        predicted = predict(model, data, own)
        return predicted, elapsed + time.perf_counter() - started
    everything = examples(data, set(own))
    predicted = [""] * len(data)
    for test in folds(len(data)):
        rest = sorted(set(range(len(data))) - set(test))
        model = trained(everything.subset(rest))
        started = time.perf_counter()
        for k, label in enumerate(predict(model, [data[i] for i in test], held_out(own, test))):
            predicted[test[k]] = label
        elapsed += time.perf_counter() - started
    return predicted, elapsed


def run(args: argparse.Namespace) -> dict[str, Any]:
    data = load_rows(args.data, "intent", args.limit)
    same = args.train.resolve() == args.data.resolve()
    train = data if same else load_rows(args.train, "intent")
    predicted, elapsed = evaluate(train, data, same)
    figures = score(data, predicted, elapsed, "intent")
    body = [
        (language, sum(1 for r in data if r[2] == language), acc)
        for language, acc in figures["per_lang"].items()
    ]
    body.append(("all", figures["n"], figures["accuracy"]))
    report.emit(report.table(("language", "n", "accuracy"), body), figures)
    return figures
