"""Translation: the workspace glossary, its version counter, and the translation cache.

Revision ID: 0003
Revises: 0002

Frozen: later changes go in new revisions.
"""

from alembic import op

# Puts the tables on the shared metadata in any process that migrates, so schema checks see them.
import babeldesk.db.translation_tables  # noqa: F401

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SCHEMA = """
CREATE TABLE glossary_terms (
    id BIGSERIAL NOT NULL,
    workspace_id BIGINT NOT NULL,
    term TEXT NOT NULL,
    kind TEXT NOT NULL,
    language TEXT,
    translation TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT glossary_terms_kind CHECK (kind IN ('never_translate', 'fixed')),
    CONSTRAINT glossary_terms_fixed_has_translation
        CHECK ((kind = 'fixed') = (language IS NOT NULL AND translation IS NOT NULL)),
    CONSTRAINT glossary_terms_key UNIQUE NULLS NOT DISTINCT (workspace_id, term, kind, language),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE glossary_versions (
    workspace_id BIGINT NOT NULL,
    version BIGINT DEFAULT 0 NOT NULL,
    PRIMARY KEY (workspace_id),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE translation_cache (
    id BIGSERIAL NOT NULL,
    workspace_id BIGINT NOT NULL,
    customer_id BIGINT,
    region TEXT NOT NULL,
    text_sha256 BYTEA NOT NULL,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    engine TEXT NOT NULL,
    glossary_version BIGINT NOT NULL,
    translation TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT translation_cache_key UNIQUE NULLS NOT DISTINCT
        (workspace_id, text_sha256, target_lang, source_lang, glossary_version, engine, customer_id),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE
);

CREATE INDEX translation_cache_customer ON translation_cache (customer_id) WHERE customer_id IS NOT NULL;
"""


def upgrade() -> None:
    op.get_bind().exec_driver_sql(SCHEMA)
