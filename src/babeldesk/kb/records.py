"""Knowledge-base rows as typed records, and which version of an article a customer should read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from pydantic import Field

from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.helpdesk.records import Record
from babeldesk.language.translate.base import base_language, language_subtags

_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class Kind(StrEnum):
    ARTICLE = "article"
    FAQ = "faq"


class Origin(StrEnum):
    HUMAN = "human"
    MACHINE = "machine"  # translated by an engine from ``source_version_id``


class VersionSummary(Record):
    id: int
    language: str
    title: str
    origin: Origin
    updated_at: datetime


class Version(VersionSummary):
    article_id: int
    body: str
    engine: str | None
    source_version_id: int | None
    created_at: datetime


class _ArticleFields(Record):
    id: int
    workspace_id: int
    slug: str
    kind: Kind
    tags: list[str]
    created_at: datetime
    updated_at: datetime


class Article(_ArticleFields):
    versions: list[VersionSummary] = Field(default_factory=list)


class ArticleDetail(_ArticleFields):
    versions: list[Version] = Field(default_factory=list)  # bodies included


def language_tag(value: str) -> str:
    """A BCP-47 tag in its usual spelling (``pt_br`` → ``pt-BR``); DomainError when it is not one."""
    cleaned = value.strip().replace("_", "-")
    if not _LANGUAGE_TAG.match(cleaned):
        raise DomainError(ErrorCode.INVALID_VALUE, f"{value!r} is not a language code such as en or pt-BR")
    base, rest = language_subtags(cleaned)
    return f"{base}-{rest}" if rest else base


V = TypeVar("V", bound="VersionSummary")


def original(versions: Sequence[V]) -> V | None:
    """The version written first by a person: the one the others were translated from."""
    human = [v for v in versions if v.origin == Origin.HUMAN] or list(versions)
    return min(human, key=lambda v: v.id, default=None)  # ids only grow; an edit keeps its row


def best_version(versions: Sequence[V], language: str | None) -> V | None:
    """What a customer writing ``language`` should read: a human version in their language (``pt-BR``
    reads ``pt``; the exact regional version first), else a machine one in it, else the original."""
    if language:
        wanted = base_language(language)
        exact = language.replace("_", "-").lower()
        same = [v for v in versions if base_language(v.language) == wanted]
        for origin in (Origin.HUMAN, Origin.MACHINE):
            found = sorted(
                (v for v in same if v.origin == origin), key=lambda v: (v.language.lower() != exact, v.id)
            )
            if found:
                return found[0]
    return original(versions)
