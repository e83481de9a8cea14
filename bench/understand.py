"""Understanding a customer message — language, intent, sentiment and the retrieval vector — against
the cost of the embedding model alone, on the same messages, in one process.

Messages are the customer-support chat lines of the ``mt_*chat*`` dev files (en, de, fr, pt, ko, nl)
plus, to cover the slower encoder, the Vietnamese, Indonesian, Hindi and Ukrainian NTREX sentences
(about one message in seven). Two ways of calling: one message per call (a job per message) and
batches of 32 (a worker draining its queue). The ratio ``understand / embedding`` says how much the
classifiers and detection add to the encoders.

    .venv/bin/python -m bench.understand            # about a minute
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from babeldesk.language import detect_many
from babeldesk.language import warm_up as warm_up_language
from babeldesk.nlu import understand
from babeldesk.nlu import warm_up as warm_up_nlu
from babeldesk.nlu.embed import embed_by_language

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SLOW_LANGUAGES = ("vi", "id", "hi", "uk")


def messages(data: Path, limit: int) -> list[str]:
    chat: list[str] = []
    for name in ("mt_chat_customer_support", "mt_bcontrast_chat_en_de"):
        with (data / name / "data.jsonl").open(encoding="utf-8") as handle:
            chat += [json.loads(line)["src"] for line in handle]
    other: list[str] = []
    with (data / "mt_ntrex128_multiway" / "data.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            refs = json.loads(line)["refs"]
            other += [refs[code] for code in SLOW_LANGUAGES if code in refs]
    return chat[: limit - limit // 7] + other[: limit // 7]


def full(texts: Sequence[str]) -> None:
    languages = [d.language for d in detect_many(texts)]
    understand(texts, languages)


def embedding_only(texts: Sequence[str]) -> None:
    embed_by_language(texts, [d.language for d in detect_many(texts)])


def rate(work: Callable[[Sequence[str]], None], texts: Sequence[str], batch: int) -> float:
    started = time.perf_counter()
    for i in range(0, len(texts), batch):
        work(texts[i : i + batch])
    return len(texts) / (time.perf_counter() - started)


def run(args: argparse.Namespace) -> dict[str, Any]:
    texts = messages(args.data, args.limit)
    warm_up_language()
    warm_up_nlu()
    results: dict[str, Any] = {"messages": len(texts)}
    for batch in (1, 32):
        embedding = rate(embedding_only, texts, batch)
        understood = rate(full, texts, batch)
        results[f"batch_{batch}"] = {
            "understand_per_s": understood,
            "embedding_per_s": embedding,
            "ratio": understood / embedding,
        }
    return results


def print_report(results: dict[str, Any]) -> None:
    print(f"understanding {results['messages']} messages (1 in 7 in the slower encoder's languages)")
    for batch in (1, 32):
        r = results[f"batch_{batch}"]
        print(
            f"  batch {batch:>2}: understand {r['understand_per_s']:7.1f} msg/s   embedding alone "
            f"{r['embedding_per_s']:7.1f} msg/s   ratio {r['ratio']:.2f}"
        )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.understand", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=700)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    results = run(args)
    print_report(results)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
