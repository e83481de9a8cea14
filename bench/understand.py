"""Understanding a customer message — language, intent, sentiment and the retrieval vector — against
the cost of the embedding model alone, on the same messages, in one process.

Messages are the customer-support chat lines of the ``mt_*chat*`` dev files (en, de, fr, pt, ko, nl)
plus, to cover the slower encoder, one message in seven (``--slow-share``) in Vietnamese, Hindi,
Ukrainian or Hebrew: customer messages we wrote (the intent examples in ``nlu/data``), as no dev chat
file has these languages; ``--news`` takes NTREX news sentences instead, twice a chat line's length. Two
ways of calling: one message per call (a job per message) and batches of 32 (a worker draining its
queue). The baseline is the encoders alone embedding every message; ``understand`` is the product's
path, which also detects the language, classifies, and remembers the vectors of short lines it has seen
(the chat files repeat a fifth of their lines, as chat does). Both start cold. ``ratio`` is understand
over the baseline: above 1 when remembering saves more than the classifiers cost.

    .venv/bin/python -m bench.understand            # about a minute
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from babeldesk.language import detect, detect_many
from babeldesk.language import warm_up as warm_up_language
from babeldesk.nlu import understand
from babeldesk.nlu import warm_up as warm_up_nlu
from babeldesk.nlu.batching import Batcher
from babeldesk.nlu.embed import encode_every, forget, space_for

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
INTENT_EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "babeldesk" / "nlu" / "data" / "intents.jsonl"
SLOW_LANGUAGES = ("vi", "hi", "uk", "he")
JOBS = 8  # the worker's default concurrency


def messages(data: Path, limit: int, news: bool, slow_share: float = 1 / 7) -> list[str]:
    chat: list[str] = []
    for name in ("mt_chat_customer_support", "mt_bcontrast_chat_en_de"):
        with (data / name / "data.jsonl").open(encoding="utf-8") as handle:
            chat += [json.loads(line)["src"] for line in handle]
    slow = round(limit * slow_share)
    return chat[: limit - slow] + (news_sentences(data) if news else written_messages())[:slow]


def news_sentences(data: Path) -> list[str]:
    out: list[str] = []
    with (data / "mt_ntrex128_multiway" / "data.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            refs = json.loads(line)["refs"]
            out += [refs[code] for code in SLOW_LANGUAGES if code in refs]
    return out


def written_messages() -> list[str]:
    """Our own intent examples in the slower encoder's languages, interleaved by language."""
    by_language: dict[str, list[str]] = {code: [] for code in SLOW_LANGUAGES}
    with INTENT_EXAMPLES.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["lang"] in by_language:
                by_language[row["lang"]].append(row["text"])
    return [text for group in zip(*by_language.values(), strict=False) for text in group]


def full(texts: Sequence[str]) -> None:
    languages = [d.language for d in detect_many(texts)]
    understand(texts, languages)


def embedding_only(texts: Sequence[str]) -> None:
    spaces = [space_for(d.language) for d in detect_many(texts)]
    for space in set(spaces):
        encode_every([t for t, s in zip(texts, spaces, strict=True) if s is space], space)


def jobs(texts: Sequence[str], workers: int) -> float:
    """``workers`` threads each taking one message at a time, as worker jobs do, sharing a batcher."""
    batcher = Batcher()
    queue = iter(texts)
    lock = threading.Lock()

    def job() -> None:
        while True:
            with lock:
                text = next(queue, None)
            if text is None:
                return
            batcher.understand_one(text, detect(text).language)

    forget()
    started = time.perf_counter()
    threads = [threading.Thread(target=job) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(texts) / (time.perf_counter() - started)


def rate(work: Callable[[Sequence[str]], None], texts: Sequence[str], batch: int) -> float:
    forget()
    started = time.perf_counter()
    for i in range(0, len(texts), batch):
        work(texts[i : i + batch])
    return len(texts) / (time.perf_counter() - started)


def run(args: argparse.Namespace) -> dict[str, Any]:
    texts = messages(args.data, args.limit, args.news, args.slow_share)
    warm_up_language()
    warm_up_nlu()
    results: dict[str, Any] = {"messages": len(texts), "slow_share": args.slow_share}
    for batch in (1, 32):
        embedding = rate(embedding_only, texts, batch)
        understood = rate(full, texts, batch)
        results[f"batch_{batch}"] = {
            "understand_per_s": understood,
            "embedding_per_s": embedding,
            "ratio": understood / embedding,
        }
    results["jobs"] = {"workers": JOBS, "understand_per_s": jobs(texts, JOBS)}
    return results


def print_report(results: dict[str, Any]) -> None:
    share = results["slow_share"]
    print(f"understanding {results['messages']} messages ({share:.0%} in the slower encoder's languages)")
    for batch in (1, 32):
        r = results[f"batch_{batch}"]
        print(
            f"  batch {batch:>2}: understand {r['understand_per_s']:7.1f} msg/s   embedding alone "
            f"{r['embedding_per_s']:7.1f} msg/s   ratio {r['ratio']:.2f}"
        )
    r = results["jobs"]
    rate_ = r["understand_per_s"]
    print(f"  {r['workers']} jobs at once, one message each, batched by the worker: {rate_:7.1f} msg/s")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.understand", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=700)
    parser.add_argument("--news", action="store_true", help="long news sentences for the slower encoder")
    parser.add_argument(
        "--slow-share",
        type=float,
        default=1 / 7,
        help="share of messages in vi/hi/uk/he (0: the dev chat lines alone, as they come)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    results = run(args)
    print_report(results)
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
