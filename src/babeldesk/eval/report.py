"""How every ``babeldesk eval`` task reports: a readable table, then one JSON object as the last line."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Rows of a JSON Lines file; blank lines are skipped, a malformed line names its number."""
    with path.open(encoding="utf-8") as handle:
        count = 0
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path}:{number}: expected a JSON object")
            yield row
            count += 1
            if limit is not None and count >= limit:
                return


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table; floats in [0, 1] print as percentages."""

    def cell(value: object) -> str:
        if isinstance(value, float):
            return f"{value * 100:.1f}%" if 0.0 <= value <= 1.0 else f"{value:,.1f}"
        return str(value)

    cells = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(out)


def emit(readable: str, figures: dict[str, Any]) -> None:
    """Print the table, then the figures as one JSON line (the line scripts read)."""
    print(readable)
    print(json.dumps(figures, ensure_ascii=False, sort_keys=False))
