"""Every benchmark with its defaults (about 4–5 minutes on 2 cores): ``make bench``.

Prints each benchmark's tables, then one JSON line holding every figure.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bench import ingest, realtime, understand
from bench.harness import json_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_all", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only", choices=["ingest", "realtime", "understand"], default=None, help="run just one"
    )
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    if args.only in (None, "ingest"):
        results["ingest"] = ingest.run(ingest.build_parser().parse_args([]))
        ingest.print_report(results["ingest"])
    if args.only in (None, "realtime"):
        results["realtime"] = realtime.run(realtime.parse_args([]))
        realtime.print_report(results["realtime"])
    if args.only in (None, "understand"):
        results["understand"] = understand.run(understand.build_parser().parse_args([]))
        understand.print_report(results["understand"])
    print(json_line(results))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
