"""``babeldesk eval langid``: language identification accuracy, per language, and messages/s.

Rows: ``text`` + ``lang``, or ``src`` + ``src_lang`` (the chat translation files). Codes are compared
by their base ISO 639-1 part (``pt-BR`` counts as ``pt``, ``zh-Hant`` as ``zh``). An "und" answer counts
as a miss. Rows with no letters at all once anonymisation placeholders, numbers, URLs and e-mails are
taken out ("#EMAIL#", "3", ":)") have no language to find: they are counted apart as ``no_text`` and
left out of ``accuracy``; ``accuracy_all`` counts them as misses too. Speed is CPU time of this
process (one core), so other work on the machine does not change it.

Rows that name their conversation (``doc_id``, and ``sender`` where customer and agent write different
languages) are read as the inbox reads them: each message beside the language its sender's earlier
messages in that conversation established (`conversation_language`), so "Ja" in a Dutch chat is Dutch
and "ok" takes the chat's language. ``accuracy`` is then that figure, the language the product gives
the message; ``accuracy_alone`` is every message read by itself. ``--alone`` ignores conversations.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from babeldesk.eval import report
from babeldesk.language import UNDETERMINED, ConversationReader, Detection, detect
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
    parser.add_argument("--alone", action="store_true", help="read every message by itself")


@dataclass(frozen=True)
class Row:
    text: str  # anonymisation placeholders blanked
    gold: str  # base code
    kind: str = ""  # lingua's "sentence" / "word_pair"…
    conversation: str = ""  # doc_id and sender; "" when the row stands alone


def load_rows(path: Path, limit: int | None, langs: set[str] | None) -> list[Row]:
    """Every usable row, in file order."""
    rows = []
    for row in report.read_jsonl(path, limit):
        text, lang = row.get("text", row.get("src")), row.get("lang", row.get("src_lang"))
        if not isinstance(text, str) or not isinstance(lang, str):
            continue
        gold = base_language(lang)
        if langs is None or gold in langs:
            doc = row.get("doc_id")
            conversation = f"{doc}\x00{row.get('sender', '')}" if doc not in (None, "") else ""
            rows.append(Row(_PLACEHOLDER.sub(" ", text), gold, str(row.get("kind", "")), conversation))
    return rows


def detect_rows(rows: Sequence[Row]) -> list[Detection]:
    """Each row's detection: alone, or beside its conversation's language so far (file order is the
    order the messages were written in)."""
    readers: dict[str, ConversationReader] = defaultdict(ConversationReader)
    return [
        readers[row.conversation].read(row.text) if row.conversation else detect(row.text) for row in rows
    ]


def has_text(text: str) -> bool:
    """False for rows with nothing to identify: no letter outside numbers, URLs and e-mails."""
    return _LETTER.search(mask(text)) is not None


def run(args: argparse.Namespace) -> dict[str, Any]:
    langs = {base_language(code) for code in args.langs.split(",")} if args.langs else None
    rows = load_rows(args.data, args.limit, langs)
    if args.alone:
        rows = [replace(row, conversation="") for row in rows]
    # Rows with no text still belong to their conversation (they carry no vote in it).
    detect("warm up the models")
    started = time.process_time()
    detections = detect_rows(rows)
    elapsed = time.process_time() - started
    scored = [(row, found) for row, found in zip(rows, detections, strict=True) if has_text(row.text)]
    in_conversation = any(row.conversation for row, _ in scored)
    alone = [detect(row.text).language for row, _ in scored] if in_conversation else []

    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    undetermined: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for row, found in scored:
        guess, gold = found.language, row.gold
        totals[gold] += 1
        hits[gold] += base_language(guess) == gold
        undetermined[gold] += guess == UNDETERMINED
        if row.kind:
            kinds[row.kind]["n"] += 1
            kinds[row.kind]["hits"] += base_language(guess) == gold
    alone_hits: Counter[str] = Counter(
        row.gold for (row, _), guess in zip(scored, alone, strict=False) if base_language(guess) == row.gold
    )
    n = len(scored)
    figures: dict[str, Any] = {
        "task": "langid",
        "n": n,
        "accuracy": _rate(hits.total(), n),
        "undetermined": _rate(undetermined.total(), n),
        "per_lang": {lang: _rate(hits[lang], totals[lang]) for lang in sorted(totals)},
        "per_s": round(len(rows) / elapsed, 1) if elapsed else 0.0,
        "no_text": len(rows) - n,
        "accuracy_all": _rate(hits.total(), len(rows)),
    }
    headers = ["language", "n", "accuracy", "undetermined"]
    table_rows: list[list[object]] = [
        [lang, totals[lang], figures["per_lang"][lang], _rate(undetermined[lang], totals[lang])]
        for lang in sorted(totals)
    ]
    table_rows += [[f"({kind})", c["n"], _rate(c["hits"], c["n"]), ""] for kind, c in sorted(kinds.items())]
    table_rows.append(["all", n, figures["accuracy"], figures["undetermined"]])
    if kinds:
        figures["per_kind"] = {kind: _rate(c["hits"], c["n"]) for kind, c in sorted(kinds.items())}
    if in_conversation:
        figures["accuracy_alone"] = _rate(alone_hits.total(), n)
        figures["per_lang_alone"] = {lang: _rate(alone_hits[lang], totals[lang]) for lang in sorted(totals)}
        headers.append("alone")
        for line in table_rows:
            overall = figures["accuracy_alone"] if line[0] == "all" else ""
            line.append(figures["per_lang_alone"].get(str(line[0]), overall))
    readable = report.table(headers, table_rows)
    readable += f"\n{figures['per_s']:,.0f} messages/s; {figures['no_text']} rows without text left out"
    if in_conversation:
        readable += "\naccuracy: each message beside its conversation's language so far; alone: by itself"
    report.emit(readable, figures)
    return figures


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
