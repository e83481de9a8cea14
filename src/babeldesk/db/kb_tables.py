"""The knowledge base's tables: articles, their language versions, and searchable passages (revision 0006).

Defined on the shared ``metadata`` so migrations and schema checks see them with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Computed,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, REGCONFIG, TSVECTOR
from sqlalchemy.dialects.postgresql.base import ischema_names
from sqlalchemy.types import UserDefinedType

from babeldesk.db.tables import metadata


class Vector(UserDefinedType[Sequence[float]]):
    """pgvector's ``vector(n)``, sent and read in its text form ``[0.1,0.2,…]``."""

    cache_ok = True

    def __init__(self, dimensions: int) -> None:
        self.dimensions = dimensions

    def get_col_spec(self, **kw: Any) -> str:
        return f"vector({self.dimensions})"

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], str | None]:
        def process(value: Sequence[float] | None) -> str | None:
            return None if value is None else "[" + ",".join(f"{float(x):.7g}" for x in value) + "]"

        return process

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], list[float] | None]:
        def process(value: str | None) -> list[float] | None:
            return None if value is None else [float(x) for x in value.strip("[]").split(",")]

        return process


# Reflection (the schema check) then reads ``vector(512)`` columns as this type instead of NullType.
ischema_names["vector"] = Vector


def _timestamp(name: str) -> Column[Any]:
    return Column(name, DateTime(timezone=True), nullable=False, server_default=func.now())


kb_articles = Table(
    "kb_articles",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("slug", Text, nullable=False),
    Column("kind", Text, nullable=False, server_default="article"),
    Column("tags", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    CheckConstraint("kind IN ('article', 'faq')", name="kb_articles_kind"),
    UniqueConstraint("workspace_id", "slug", name="kb_articles_slug"),
)

# One version per language. A machine version records what it was translated from, so it is dropped
# when that source changes (and made again on demand) rather than served out of date.
kb_versions = Table(
    "kb_versions",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("article_id", BigInteger, ForeignKey("kb_articles.id", ondelete="CASCADE"), nullable=False),
    Column("language", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("origin", Text, nullable=False, server_default="human"),
    Column("engine", Text, nullable=True),
    Column("source_version_id", BigInteger, ForeignKey("kb_versions.id", ondelete="CASCADE"), nullable=True),
    # SHA-256 of title and body: an import that brings the same text again does not re-embed it.
    Column("content_sha256", LargeBinary, nullable=False),
    _timestamp("created_at"),
    _timestamp("updated_at"),
    CheckConstraint("origin IN ('human', 'machine')", name="kb_versions_origin"),
    CheckConstraint(
        "(origin = 'machine') = (source_version_id IS NOT NULL)", name="kb_versions_machine_source"
    ),
    UniqueConstraint("article_id", "language", name="kb_versions_language"),
)

kb_passages = Table(
    "kb_passages",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", BigInteger, ForeignKey("kb_articles.id", ondelete="CASCADE"), nullable=False),
    Column("version_id", BigInteger, ForeignKey("kb_versions.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("heading", Text, nullable=False),
    Column("body", Text, nullable=False),
    # The text-search configuration of the version's language ('simple' where PostgreSQL has none).
    Column("ts_config", REGCONFIG, nullable=False),
    Column(
        "tsv",
        TSVECTOR,
        Computed(
            "setweight(to_tsvector(ts_config, heading), 'A') || setweight(to_tsvector(ts_config, body), 'B')",
            persisted=True,
        ),
        nullable=False,
    ),
    Column("use_vec", Vector(512), nullable=False),
    Column("e5_vec", Vector(384), nullable=False),
    UniqueConstraint("version_id", "position", name="kb_passages_position"),
    Index("kb_passages_workspace", "workspace_id"),
    Index("kb_passages_tsv", "tsv", postgresql_using="gin"),
    Index(
        "kb_passages_use_vec",
        "use_vec",
        postgresql_using="hnsw",
        postgresql_ops={"use_vec": "vector_cosine_ops"},
    ),
    Index(
        "kb_passages_e5_vec",
        "e5_vec",
        postgresql_using="hnsw",
        postgresql_ops={"e5_vec": "vector_cosine_ops"},
    ),
)
