"""``babeldesk eval mixed``: how well mixed-language messages are flagged.

Rows: ``text`` + ``sentence_label`` (``mixed`` or a language code; other labels such as ``other`` name
text in neither language). Precision, recall and F1 are those of the "mixed" flag. ``other_accuracy``
is the share of the remaining rows read right: not flagged mixed and, where the label is a language,
detected as that language (by base code); rows labelled with anything else only need no mixed flag.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from babeldesk.eval import report
from babeldesk.language import Detection, detect

HELP = "mixed-language messages: precision, recall and F1 of the mixed flag; accuracy of the rest"

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, required=True, help="JSONL file")
    parser.add_argument("--limit", type=int, default=None, help="read at most N rows")


def run(args: argparse.Namespace) -> dict[str, Any]:
    rows = [
        (row["text"], row["sentence_label"])
        for row in report.read_jsonl(args.data, args.limit)
        if isinstance(row.get("text"), str) and isinstance(row.get("sentence_label"), str)
    ]
    detect("warm up the models")
    started = time.process_time()
    detections = [detect(text) for text, _ in rows]
    elapsed = time.process_time() - started

    counts: Counter[str] = Counter()
    for (_, label), detection in zip(rows, detections, strict=True):
        if label == "mixed":
            counts["tp" if detection.mixed else "fn"] += 1
        else:
            counts["fp" if detection.mixed else "tn"] += 1
            counts["other"] += 1
            counts["other_right"] += _right(label, detection)
    precision = _rate(counts["tp"], counts["tp"] + counts["fp"])
    recall = _rate(counts["tp"], counts["tp"] + counts["fn"])
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    figures = {
        "task": "mixed",
        "n": len(rows),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "other_accuracy": _rate(counts["other_right"], counts["other"]),
        "per_s": round(len(rows) / elapsed, 1) if elapsed else 0.0,
        "confusion": {key: counts[key] for key in ("tp", "fp", "fn", "tn")},
    }
    readable = report.table(
        ["figure", "value"],
        [[name, figures[name]] for name in ("n", "precision", "recall", "f1", "other_accuracy", "per_s")],
    )
    report.emit(readable, figures)
    return figures


def _right(label: str, detection: Detection) -> bool:
    if detection.mixed:
        return False
    return detection.base == label.split("-")[0].lower() if _LANGUAGE_CODE.fullmatch(label) else True


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
