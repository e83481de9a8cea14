"""``babeldesk eval translate``: quality and speed of one translation engine on a JSONL file.

Rows have ``src``, ``src_lang``, ``tgt_lang`` and ``ref``, or ``src`` and ``refs`` ({lang: text}) for
multi-way files, which are evaluated from ``src_lang`` (English when absent) into each language.
Translations go through the same chain as in the product (protected spans masked and checked), with
the one engine named on the command line; there is no built-in engine, so without one this says so
and exits non-zero rather than scoring anything.

Figures: chrF and BLEU (sacrebleu, 0-100) per direction, and overall as their mean over directions;
``protected_survival``, the share of protected spans (order numbers, URLs, prices …) found intact in
the output; ``per_s``, segments translated per second of wall time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from babeldesk.eval.report import emit, read_jsonl, table
from babeldesk.language.translate.base import Translator, base_language
from babeldesk.language.translate.chain import EngineFailure, EngineSlot, TranslatorChain
from babeldesk.language.translate.config import TranslationSettings, build_translator
from babeldesk.language.translate.protect import mask

HELP = "chrF and BLEU per direction, protected-span survival and speed of a translation engine"
ENGINES = ("openai", "deepl", "google", "libretranslate", "ctranslate2")
API_KEY_ENV = "BABELDESK_TRANSLATE_API_KEY"
# sacrebleu's default tokenizer splits on spaces and punctuation; these languages have no spaces.
_BLEU_TOKENIZERS = {"zh": "zh", "ja": "char", "th": "char", "lo": "char", "km": "char", "my": "char"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, required=True, help="JSONL: src, src_lang, tgt_lang, ref (or refs)"
    )
    parser.add_argument("--engine", choices=ENGINES, help="the engine to evaluate (required)")
    parser.add_argument(
        "--engine-url", help="the engine's base URL (openai, libretranslate; optional otherwise)"
    )
    parser.add_argument("--api-key", help=f"the engine's key (default: ${API_KEY_ENV})")
    parser.add_argument("--model", help="model name for an OpenAI-compatible endpoint")
    parser.add_argument("--model-dir", type=Path, help="model directory for ctranslate2")
    parser.add_argument("--limit", type=int, help="read at most N rows")
    parser.add_argument("--targets", help="comma-separated target languages to keep from multi-way rows")
    parser.add_argument("--batch-size", type=int, default=8, help="texts per engine call (default 8)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per engine call (default 60)")


@dataclass(frozen=True)
class Segment:
    src: str
    src_lang: str
    tgt_lang: str
    ref: str

    @property
    def direction(self) -> str:
        return f"{base_language(self.src_lang)}-{base_language(self.tgt_lang)}"


def run(args: argparse.Namespace) -> dict[str, Any]:
    chain = TranslatorChain([EngineSlot(_engine(args), args.timeout)])
    targets = {t.strip() for t in args.targets.split(",")} if args.targets else None
    segments = load_segments(args.data, args.limit, targets)
    if not segments:
        raise SystemExit(f"babeldesk eval translate: no segments in {args.data}")
    started = time.perf_counter()
    outputs, failures = asyncio.run(_translate(chain, segments, args.batch_size))
    elapsed = time.perf_counter() - started
    if all(out is None for out in outputs):
        reasons = "; ".join(sorted({f"{f.kind}: {f.message}" for f in failures})) or "no answer"
        raise SystemExit(f"babeldesk eval translate: the engine translated nothing ({reasons})")
    figures = score(segments, outputs, elapsed)
    emit(_readable(figures, outputs), figures)
    return figures


def _engine(args: argparse.Namespace) -> Translator:
    if not args.engine:
        raise SystemExit(
            "babeldesk eval translate: no translation engine configured. Babeldesk ships none; name one "
            "with --engine {" + ",".join(ENGINES) + "} and its --engine-url/--api-key/--model/--model-dir."
        )
    config: dict[str, Any] = {"kind": args.engine, "timeout_s": args.timeout}
    api_key = args.api_key or os.environ.get(API_KEY_ENV)
    for key, value in (("url", args.engine_url), ("api_key", api_key), ("model", args.model)):
        if value is not None and not (key == "model" and args.engine != "openai"):
            config[key] = value
    if args.model_dir is not None:
        config["path"] = str(args.model_dir)
    try:
        settings = TranslationSettings.model_validate({"engines": [config]})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][3:]) or 'engine'}: {e['msg']}" for e in exc.errors()
        )
        raise SystemExit(f"babeldesk eval translate: --engine {args.engine}: {problems}") from None
    return build_translator(settings.engines[0])


def load_segments(path: Path, limit: int | None, targets: set[str] | None = None) -> list[Segment]:
    segments = []
    for row in read_jsonl(path, limit):
        src = str(row["src"])
        if "refs" in row:
            source = str(row.get("src_lang") or "en")
            for language, ref in row["refs"].items():
                if targets is None or language in targets or base_language(language) in targets:
                    segments.append(Segment(src, source, language, str(ref)))
        elif targets is None or row["tgt_lang"] in targets or base_language(row["tgt_lang"]) in targets:
            segments.append(Segment(src, str(row["src_lang"]), str(row["tgt_lang"]), str(row["ref"])))
    return segments


async def _translate(
    chain: TranslatorChain, segments: Sequence[Segment], batch_size: int
) -> tuple[list[str | None], list[EngineFailure]]:
    outputs: list[str | None] = [None] * len(segments)
    failures: list[EngineFailure] = []
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, segment in enumerate(segments):
        groups[(segment.src_lang, segment.tgt_lang)].append(i)
    try:
        for (source, target), members in groups.items():
            for start in range(0, len(members), batch_size):
                batch = members[start : start + batch_size]
                result = await chain.translate([segments[i].src for i in batch], source=source, target=target)
                failures += result.failures
                if result.texts is not None:
                    for i, text in zip(batch, result.texts, strict=True):
                        outputs[i] = text
    finally:
        await chain.aclose()
    return outputs, failures


def score(segments: Sequence[Segment], outputs: Sequence[str | None], elapsed: float) -> dict[str, Any]:
    import sacrebleu  # imported here: only this command needs it

    by_direction: dict[str, list[int]] = defaultdict(list)
    for i, segment in enumerate(segments):
        by_direction[segment.direction].append(i)
    per_direction = {}
    for direction, members in sorted(by_direction.items()):
        hypotheses = [outputs[i] or "" for i in members]
        references = [[segments[i].ref for i in members]]
        tokenize = _BLEU_TOKENIZERS.get(direction.split("-")[1], "13a")
        per_direction[direction] = {
            "chrf": round(sacrebleu.corpus_chrf(hypotheses, references).score, 2),
            "bleu": round(sacrebleu.corpus_bleu(hypotheses, references, tokenize=tokenize).score, 2),
        }
    return {
        "task": "translate",
        "n": len(segments),
        "chrf": round(sum(d["chrf"] for d in per_direction.values()) / len(per_direction), 2),
        "bleu": round(sum(d["bleu"] for d in per_direction.values()) / len(per_direction), 2),
        "per_direction": per_direction,
        "protected_survival": protected_survival(segments, outputs),
        "per_s": round(len(segments) / elapsed, 2) if elapsed > 0 else None,
    }


def protected_survival(segments: Sequence[Segment], outputs: Sequence[str | None]) -> float | None:
    """Share of protected spans found in the output at least as often as the source has them."""
    total = survived = 0
    for segment, output in zip(segments, outputs, strict=True):
        expected: dict[str, int] = defaultdict(int)
        for span in mask(segment.src, target=segment.tgt_lang).spans:
            expected[span.replacement] += 1
        for text, count in expected.items():
            total += count
            survived += min(count, (output or "").count(text))
    return round(survived / total, 4) if total else None


def _readable(figures: dict[str, Any], outputs: Sequence[str | None]) -> str:
    rows: list[list[object]] = [
        [direction, f"{d['chrf']:.1f}", f"{d['bleu']:.1f}"]
        for direction, d in figures["per_direction"].items()
    ]
    rows.append(["all (mean)", f"{figures['chrf']:.1f}", f"{figures['bleu']:.1f}"])
    survival = figures["protected_survival"]
    untranslated = sum(out is None for out in outputs)
    notes = [
        f"segments: {figures['n']} ({untranslated} not translated, scored as empty)",
        "protected spans intact: "
        + ("no spans in this data" if survival is None else f"{survival * 100:.1f}%"),
        f"segments/s: {figures['per_s']}",
    ]
    return table(["direction", "chrF", "BLEU"], rows) + "\n" + "\n".join(notes)
