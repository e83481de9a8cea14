"""Reading knowledge-base files: Markdown (a file or a folder of them), CSV and JSON, into entries.

Every entry is one language version of one article; entries sharing a slug are versions of the same
article. What cannot be read is a ``Problem`` naming its file and line (or item) and is skipped: the
rest of the file is still read.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babeldesk.core.errors import DomainError
from babeldesk.kb.records import Kind, language_tag

MAX_FILE_BYTES = 20_000_000
MAX_TITLE = 500
MAX_BODY = 100_000
MAX_SLUG = 100
SUFFIXES = {".md", ".markdown", ".csv", ".json"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<language>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)$")


@dataclass(frozen=True)
class Entry:
    where: str  # "faq.csv:12", for messages about it
    slug: str
    kind: Kind | None  # None: not said; the article's kind, or ``default_kind`` for a new one
    default_kind: Kind
    tags: tuple[str, ...] | None  # None: not said; the article keeps its tags
    language: str
    title: str
    body: str


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")


def files_in(paths: list[Path]) -> Iterator[Path | Problem]:
    """The files to read: each path given, and the readable files anywhere under a folder given."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            yield Problem(str(path), "no such file or folder")


def read_file(path: Path, default_language: str | None) -> Iterator[Entry | Problem]:
    where = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield Problem(where, "not a .md, .csv or .json file")
        return
    if path.stat().st_size > MAX_FILE_BYTES:
        yield Problem(where, f"larger than {MAX_FILE_BYTES // 1_000_000} MB")
        return
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as exc:
        yield Problem(where, f"cannot be read as UTF-8 text ({exc})")
        return
    if suffix == ".csv":
        yield from read_csv(content, where, default_language)
    elif suffix == ".json":
        yield from read_json(content, where, default_language)
    else:
        yield read_markdown(content, path, default_language)


def read_markdown(content: str, path: Path, default_language: str | None) -> Entry | Problem:
    """Front matter (``title``, ``language``, ``slug``, ``tags``, ``kind``) or the first ``#`` heading;
    a file named ``returns.es.md`` is the ``es`` version of ``returns``."""
    fields: dict[str, Any] = {}
    found = _FRONT_MATTER.match(content)
    if found:
        fields = front_matter(found.group(1))
        content = content[found.end() :]
    if not fields.get("title"):
        heading = _TITLE.search(content)
        if heading:
            fields["title"] = heading.group(1)
            content = content[: heading.start()] + content[heading.end() :]
    named = _LANGUAGE_SUFFIX.match(path.stem)
    fields.setdefault("slug", slugify(named.group("stem") if named else path.stem))
    if named:
        fields.setdefault("language", named.group("language"))
    fields["body"] = content.strip()
    return entry(fields, str(path), default_language)


def front_matter(text: str) -> dict[str, Any]:
    """The ``key: value`` lines of a front-matter block; ``tags`` as ``[a, b]``, ``a, b`` or ``- a`` lines."""
    fields: dict[str, Any] = {}
    key = None
    for line in text.splitlines():
        item = re.match(r"^\s+-\s+(.*)$", line)
        if item and key == "tags":
            fields.setdefault("tags", []).append(_unquote(item.group(1)))
            continue
        pair = re.match(r"^([A-Za-z_]+)\s*:\s*(.*)$", line)
        if pair:
            key, value = pair.group(1).lower(), pair.group(2).strip()
            if value:
                fields[key] = _unquote(value)
    return fields


def _unquote(value: str) -> str:
    value = value.strip()
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'" else value


def read_csv(content: str, where: str, default_language: str | None) -> Iterator[Entry | Problem]:
    """Columns ``question``/``title``, ``answer``/``body``, ``language``, ``slug``, ``tags``, ``kind``."""
    reader = csv.DictReader(io.StringIO(content))
    if reader.fieldnames is None:
        yield Problem(where, "empty file")
        return
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames]
    start = reader.line_num  # the header may span lines (a quoted newline)
    try:
        for row in reader:
            yield entry(row, f"{where}:{start + 1}", default_language)
            start = reader.line_num
    except csv.Error as exc:
        yield Problem(f"{where}:{reader.line_num}", f"not valid CSV ({exc}); the rest of the file is skipped")


def read_json(content: str, where: str, default_language: str | None) -> Iterator[Entry | Problem]:
    """A list of objects with the CSV's fields, or with ``versions`` (a list of language, title, body)."""
    try:
        items = json.loads(content)
    except ValueError as exc:
        yield Problem(where, f"not valid JSON ({exc})")
        return
    if not isinstance(items, list):
        yield Problem(where, "expected a list of articles")
        return
    for number, item in enumerate(items, start=1):
        here = f"{where}: item {number}"
        if not isinstance(item, dict):
            yield Problem(here, "expected an object")
        elif isinstance(item.get("versions"), list):
            shared = {k: v for k, v in item.items() if k != "versions"}
            for version in item["versions"]:
                fields = {**shared, **version} if isinstance(version, dict) else {}
                yield entry(fields, here, default_language)
        else:
            yield entry(item, here, default_language)


def entry(fields: Mapping[str, Any], where: str, default_language: str | None) -> Entry | Problem:
    """One version from its fields, or what is wrong with them."""
    title = _text(fields.get("title") or fields.get("question"))
    body = _text(fields.get("body") or fields.get("answer"))
    kind_given = _text(fields.get("kind")).lower()
    language = _text(fields.get("language")) or default_language
    slug = _text(fields.get("slug")) or slugify(title)
    if not title:
        return Problem(where, "no title (or question)")
    if not body:
        return Problem(where, "no body (or answer)")
    if len(title) > MAX_TITLE or len(body) > MAX_BODY:
        return Problem(where, f"title over {MAX_TITLE} or body over {MAX_BODY} characters")
    if not language:
        return Problem(where, "no language: give one in the entry or with --language")
    if kind_given and kind_given not in set(Kind):
        return Problem(where, f"kind {kind_given!r} is neither article nor faq")
    if not _SLUG.match(slug) or len(slug) > MAX_SLUG:
        return Problem(where, f"slug {slug!r} is not lowercase letters, digits and dashes")
    try:
        language = language_tag(language)
    except DomainError as exc:
        return Problem(where, exc.detail)
    default = Kind.FAQ if fields.get("question") else Kind.ARTICLE
    given = tags(fields.get("tags"))
    return Entry(
        where, slug, Kind(kind_given) if kind_given else None, default, given or None, language, title, body
    )


def tags(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else re.split(r"[,;]", str(value or "").strip("[]"))
    return tuple(dict.fromkeys(t for t in (_unquote(str(i)).strip() for i in items) if t))


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
