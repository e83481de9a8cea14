"""Translation's tables: the workspace glossary and the translation cache (revision 0003).

Defined on the shared ``metadata`` so migrations and schema checks see them with the rest.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

from babeldesk.db.tables import metadata

glossary_terms = Table(
    "glossary_terms",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("term", Text, nullable=False),
    Column("kind", Text, nullable=False),
    # For a fixed translation: the target language (BCP-47) and the text to use there.
    Column("language", Text, nullable=True),
    Column("translation", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("kind IN ('never_translate', 'fixed')", name="glossary_terms_kind"),
    CheckConstraint(
        "(kind = 'fixed') = (language IS NOT NULL AND translation IS NOT NULL)",
        name="glossary_terms_fixed_has_translation",
    ),
    UniqueConstraint(
        "workspace_id",
        "term",
        "kind",
        "language",
        name="glossary_terms_key",
        postgresql_nulls_not_distinct=True,
    ),
)

# One row per workspace with a glossary; ``version`` goes up with every change to its terms, so
# cached translations made under an older glossary are no longer served.
glossary_versions = Table(
    "glossary_versions",
    metadata,
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), primary_key=True),
    Column("version", BigInteger, nullable=False, server_default=text("0")),
)

translation_cache = Table(
    "translation_cache",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    # Whose words these are (None for agents' and the bot's), so erasure can find them.
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=True),
    Column("region", Text, nullable=False),
    Column("text_sha256", LargeBinary, nullable=False),
    Column("source_lang", Text, nullable=False),  # "auto" when the engine detected it
    Column("target_lang", Text, nullable=False),
    Column("engine", Text, nullable=False),
    Column("glossary_version", BigInteger, nullable=False),
    Column("translation", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint(
        "workspace_id",
        "text_sha256",
        "target_lang",
        "source_lang",
        "glossary_version",
        "engine",
        "customer_id",
        name="translation_cache_key",
        postgresql_nulls_not_distinct=True,
    ),
    Index("translation_cache_customer", "customer_id", postgresql_where=text("customer_id IS NOT NULL")),
)
