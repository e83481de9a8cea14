"""``babeldesk eval anger``: precision and recall of the angry flag, overall and per language.

Rows: ``text``, ``lang`` and ``angry`` (true or false). The flag is the product's: the anger model and
the sentiment model read the message, and ``nlu.is_angry`` joins them with the shouting, stacked
punctuation and anger words it shows. Without ``--folds`` the shipped models decide (a seller's own
labelled chats); with ``--folds`` both models are trained on the file itself, each fold on the others
(our own examples, which the shipped models have already seen). Rows that also carry a sentiment
``label`` train the sentiment model; without one a row counts as negative when angry, else neutral.
Rows marked ``"kind": "post"`` (everyday posts, not messages to a shop) are left out: the flag, like
the shipped one, is about customers.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from babeldesk.eval import report
from babeldesk.eval.intent import FOLDS, embed_in_own_space, examples, folds, held_out, predict
from babeldesk.language.translate.base import base_language
from babeldesk.nlu import is_angry, understand
from babeldesk.nlu.classifier import FEELING_C, Classifier, Examples
from babeldesk.nlu.cues import cues
from babeldesk.nlu.embed import Grouped
from babeldesk.nlu.text import clean
from babeldesk.nlu.variety import reading

HELP = "anger: precision and recall of the angry flag, with the shipped models or in --folds"

Row = tuple[str, bool, str, str]  # text, angry, language, sentiment


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, required=True, help="JSONL: text, lang, angry[, label]")
    parser.add_argument(
        "--folds", action="store_true", help=f"{FOLDS}-fold cross-validation on --data itself"
    )
    parser.add_argument("--limit", type=int, default=None, help="read at most N rows of --data")


def load(path: Path, limit: int | None) -> list[Row]:
    rows = []
    for row in report.read_jsonl(path, limit):
        text, angry = row.get("text"), row.get("angry")
        if isinstance(text, str) and text.strip() and isinstance(angry, bool) and row.get("kind") != "post":
            label = row.get("label")
            feeling = label if isinstance(label, str) else ("negative" if angry else "neutral")
            rows.append((text, angry, base_language(str(row.get("lang") or "en")), feeling))
    return rows


def _shipped(rows: list[Row]) -> list[bool]:
    return [u.angry for u in understand([r[0] for r in rows], [r[2] for r in rows])]


def _folded(rows: list[Row]) -> list[bool]:
    flags = [(clean(text), "yes" if angry else "no", language) for text, angry, language, _ in rows]
    vectors = embed_in_own_space(flags)
    # Embedded once: each fold trains on a subset, the sentiment model on the same vectors.
    angry = examples(flags, set(vectors))
    feeling = Examples(angry.texts, tuple(row[3] for row in rows), angry.languages, angry.vectors)
    guess = [False] * len(rows)
    for test in folds(len(rows)):
        held = set(test)
        rest = [i for i in range(len(rows)) if i not in held]
        angry_model = Classifier.train(angry.subset(rest), FEELING_C)
        feeling_model = Classifier.train(feeling.subset(rest), FEELING_C, balanced=True)
        part = held_out(vectors, test)
        probability = _yes(angry_model, [flags[i] for i in test], part)
        feelings = predict(feeling_model, [flags[i] for i in test], part)
        for k, i in enumerate(test):
            guess[i] = is_angry(cues(rows[i][0]), feelings[k] == "negative", probability[k])
    return guess


def _yes(model: Classifier, rows: list[tuple[str, str, str]], vectors: Grouped) -> list[float]:
    """Each row's probability of "yes" under a two-class model."""
    out = [0.0] * len(rows)
    column = model.labels.index("yes")
    for space, (index, matrix) in vectors.items():
        languages = [reading(rows[i][0], rows[i][2]) for i in index]
        model.learn_languages(space, matrix, languages)
        for row, p in zip(index, model.probabilities(space, matrix, languages)[:, column], strict=True):
            out[row] = float(p)
    return out


def scores(gold: list[bool], guess: list[bool]) -> tuple[float | None, float | None, float | None]:
    """Precision, recall and F1 of the flag; None where the rows give nothing to divide by (no
    flag raised, or no angry row)."""
    tp = sum(g and p for g, p in zip(gold, guess, strict=True))
    fp = sum(p and not g for g, p in zip(gold, guess, strict=True))
    fn = sum(g and not p for g, p in zip(gold, guess, strict=True))
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return precision, recall, f1


def _cell(value: float | None) -> float | str:
    return "—" if value is None else value


def run(args: argparse.Namespace) -> dict[str, Any]:
    rows = load(args.data, args.limit)
    started = time.perf_counter()
    guess = _folded(rows) if args.folds else _shipped(rows)
    elapsed = time.perf_counter() - started
    by_lang: dict[str, tuple[list[bool], list[bool]]] = defaultdict(lambda: ([], []))
    for row, flagged in zip(rows, guess, strict=True):
        by_lang[row[2]][0].append(row[1])
        by_lang[row[2]][1].append(flagged)
    precision, recall, f1 = scores([r[1] for r in rows], guess)
    per_lang = {language: scores(*pair) for language, pair in sorted(by_lang.items())}
    figures = {
        "task": "anger",
        "n": len(rows),
        "angry": sum(r[1] for r in rows),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "per_lang": {lang: {"precision": p, "recall": r, "f1": f} for lang, (p, r, f) in per_lang.items()},
        "per_s": len(rows) / max(elapsed, 1e-9),
    }
    body: list[tuple[object, ...]] = [
        (language, len(by_lang[language][0]), sum(by_lang[language][0]), *map(_cell, values))
        for language, values in per_lang.items()
    ]
    body.append(("all", len(rows), figures["angry"], *map(_cell, (precision, recall, f1))))
    report.emit(report.table(("language", "n", "angry", "precision", "recall", "F1"), body), figures)
    return figures
