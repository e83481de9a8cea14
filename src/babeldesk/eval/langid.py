"""``babeldesk eval langid``: language identification accuracy, per language, and messages/s.

Rows: ``text`` + ``lang``, or ``src`` + ``src_lang`` (the chat translation files). Codes are compared
by their base ISO 639-1 part (``pt-BR`` counts as ``pt``, ``zh-Hant`` as ``zh``). An "und" answer counts
as a miss. Rows with no letters at all once anonymisation placeholders, numbers, URLs and e-mails are
taken out ("#EMAIL#", "3", ":)") have no language to find: they are counted apart as ``no_text`` and
left out of ``accuracy``; ``accuracy_all`` counts them as misses too. Speed is CPU time of this
process (one core), so other work on the machine does not change it.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from babeldesk.eval import report
from babeldesk.language import UNDETERMINED, detect
from babeldesk.language.text import mask
from babeldesk.language.translate.base import base_language

HELP = "language identification: accuracy per language, share undetermined, messages/s"

# Placeholders the anonymised chat corpora (WMT chat task) put where names, e-mails and numbers were.
_PLACEHOLDER = re.compile(
    r"#[A-Z_]+#|(?<![A-Za-z])(?:PRS-ORG|NAME-[MFN]|EMAIL|URL|PHONENUMBER|ALPHANUMERICID|ADDRESS)(?![A-Za-z])"
)
_LETTER = re.compile(r"[^\W\d_]")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, required=True, help="JSONL file")
    parser.add_argument("--limit", type=int, default=None, help="read at most N rows")
    parser.add_argument("--langs", default=None, help="only rows in these languages, e.g. en,de,zh")


def load_rows(path: Path, limit: int | None, langs: set[str] | None) -> list[tuple[str, str, str]]:
    """(text, gold base code, kind) for every usable row."""
    rows = []
    for row in report.read_jsonl(path, limit):
        text, lang = row.get("text", row.get("src")), row.get("lang", row.get("src_lang"))
        if not isinstance(text, str) or not isinstance(lang, str):
            continue
        gold = base_language(lang)
        if langs is None or gold in langs:
            rows.append((_PLACEHOLDER.sub(" ", text), gold, str(row.get("kind", ""))))
    return rows


def has_text(text: str) -> bool:
    """False for rows with nothing to identify: no letter outside numbers, URLs and e-mails."""
    return _LETTER.search(mask(text)) is not None


def run(args: argparse.Namespace) -> dict[str, Any]:
    langs = {base_language(code) for code in args.langs.split(",")} if args.langs else None
    rows = load_rows(args.data, args.limit, langs)
    scored = [r for r in rows if has_text(r[0])]
    detect("warm up the models")
    started = time.process_time()
    predicted = [detect(text).language for text, _, _ in scored]
    elapsed = time.process_time() - started

    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    undetermined: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for (_, gold, kind), guess in zip(scored, predicted, strict=True):
        totals[gold] += 1
        hits[gold] += base_language(guess) == gold
        undetermined[gold] += guess == UNDETERMINED
        if kind:
            kinds[kind]["n"] += 1
            kinds[kind]["hits"] += base_language(guess) == gold
    n = len(scored)
    figures: dict[str, Any] = {
        "task": "langid",
        "n": n,
        "accuracy": _rate(hits.total(), n),
        "undetermined": _rate(undetermined.total(), n),
        "per_lang": {lang: _rate(hits[lang], totals[lang]) for lang in sorted(totals)},
        "per_s": round(n / elapsed, 1) if elapsed else 0.0,
        "no_text": len(rows) - n,
        "accuracy_all": _rate(hits.total(), len(rows)),
    }
    if kinds:
        figures["per_kind"] = {kind: _rate(c["hits"], c["n"]) for kind, c in sorted(kinds.items())}
    table_rows: list[list[object]] = [
        [lang, totals[lang], figures["per_lang"][lang], _rate(undetermined[lang], totals[lang])]
        for lang in sorted(totals)
    ]
    table_rows += [[f"({kind})", c["n"], _rate(c["hits"], c["n"]), ""] for kind, c in sorted(kinds.items())]
    table_rows.append(["all", n, figures["accuracy"], figures["undetermined"]])
    readable = report.table(["language", "n", "accuracy", "undetermined"], table_rows)
    readable += f"\n{figures['per_s']:,.0f} messages/s; {figures['no_text']} rows without text left out"
    report.emit(readable, figures)
    return figures


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
