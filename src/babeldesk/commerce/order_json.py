"""Orders from JSON: a top-level array of orders, each with nested ``items``, ``shipments`` (each with
``events``), ``refund`` and ``shipping_address``, spelled as the fields of ``records.OrderRecord``.

Example element::

    {"number": "1001", "email": "ana@example.com", "status": "shipped", "currency": "EUR",
     "total": "59.90", "placed_at": "2025-03-01T10:00:00Z",
     "items": [{"sku": "TEE-M", "title": "T-shirt", "quantity": 2, "unit_price": "29.95"}],
     "shipments": [{"carrier": "DHL", "tracking_number": "JD0146", "state": "in_transit",
                    "events": [{"at": "2025-03-02T08:00:00Z", "state": "in_transit",
                                "description": "Picked up", "location": "Madrid"}]}]}
"""

from __future__ import annotations

import bisect
import json
from typing import Any

from pydantic import ValidationError

from babeldesk.commerce.records import OrderRecord, Parsed, Problem, describe


def parse_json(text: str) -> Parsed:
    """Each element of the top-level array is read on its own, so one malformed order (or a file cut
    short) costs only that order and what follows a syntax error, never the orders before it."""
    parsed = Parsed()
    lines = _LineIndex(text)
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        parsed.problems.append(Problem(lines.at(pos), "expected a JSON array of orders ([ {...}, ... ])"))
        return parsed
    pos += 1
    while True:
        pos = _skip_space(text, pos)
        if text.startswith("]", pos):
            break
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            message = f"not valid JSON ({exc.msg}); the rest of the file was not read"
            parsed.problems.append(Problem(exc.lineno, message))
            break
        _check_order(parsed, lines.at(pos), value)
        pos = _skip_space(text, end)
        if text.startswith(",", pos):
            pos += 1
        elif not text.startswith("]", pos):
            parsed.problems.append(Problem(lines.at(pos), "expected ',' or ']' after an order"))
            break
    return parsed


def _check_order(parsed: Parsed, line: int, value: Any) -> None:
    if not isinstance(value, dict):
        parsed.problems.append(Problem(line, f"an order must be a JSON object, not {type(value).__name__}"))
        return
    try:
        record = OrderRecord.model_validate(value)
    except ValidationError as exc:
        number = value.get("number")
        prefix = f"order {number}: " if isinstance(number, str | int) else ""
        parsed.problems.append(Problem(line, f"{prefix}{describe(exc)}"))
        return
    parsed.add(line, record)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _LineIndex:
    """Line numbers of offsets in a text, without rescanning it for every order."""

    def __init__(self, text: str) -> None:
        self._breaks = [i for i, char in enumerate(text) if char == "\n"]

    def at(self, offset: int) -> int:
        return bisect.bisect_left(self._breaks, offset) + 1
