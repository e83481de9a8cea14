"""Reading an order file for ``babeldesk store import``: JSON (``order_json.py``) or CSV
(``order_csv.py``)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from babeldesk.commerce.order_csv import parse_csv
from babeldesk.commerce.order_json import parse_json
from babeldesk.commerce.records import Parsed

Format = Literal["csv", "json"]
MAX_FILE_BYTES = 50_000_000


class OrderFileError(Exception):
    """The file cannot be read at all (missing, too large, not text, unknown format)."""


def read_order_file(path: Path, fmt: Format | None = None) -> Parsed:
    fmt = fmt or guess_format(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise OrderFileError(f"{path} is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        raise OrderFileError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return parse_orders(raw, fmt)


def guess_format(path: Path) -> Format:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix == ".json":
        return "json"
    raise OrderFileError(f"cannot tell the format of {path.name}: name it .csv or .json, or pass --format")


def parse_orders(raw: bytes, fmt: Format) -> Parsed:
    try:
        text = raw.decode("utf-8-sig")  # spreadsheets often save a byte-order mark
    except UnicodeDecodeError as exc:
        raise OrderFileError(f"the file is not UTF-8 text (byte {exc.start})") from exc
    return parse_json(text) if fmt == "json" else parse_csv(text)
