"""The knowledge base: articles in several languages, full-text and vector search.

Revision ID: 0006
Revises: 0005

Frozen: later changes go in new revisions.
"""

from alembic import op

# Puts the tables on the shared metadata in any process that migrates, so schema checks see them.
import babeldesk.db.kb_tables  # noqa: F401

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SCHEMA = """
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE kb_articles (
    id BIGSERIAL NOT NULL,
    workspace_id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    kind TEXT DEFAULT 'article' NOT NULL,
    tags JSONB DEFAULT '[]'::jsonb NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT kb_articles_kind CHECK (kind IN ('article', 'faq')),
    CONSTRAINT kb_articles_slug UNIQUE (workspace_id, slug),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE TABLE kb_versions (
    id BIGSERIAL NOT NULL,
    article_id BIGINT NOT NULL,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    origin TEXT DEFAULT 'human' NOT NULL,
    engine TEXT,
    source_version_id BIGINT,
    content_sha256 BYTEA NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT kb_versions_origin CHECK (origin IN ('human', 'machine')),
    CONSTRAINT kb_versions_machine_source CHECK ((origin = 'machine') = (source_version_id IS NOT NULL)),
    CONSTRAINT kb_versions_language UNIQUE (article_id, language),
    FOREIGN KEY (article_id) REFERENCES kb_articles (id) ON DELETE CASCADE,
    FOREIGN KEY (source_version_id) REFERENCES kb_versions (id) ON DELETE CASCADE
);

CREATE TABLE kb_passages (
    id BIGSERIAL NOT NULL,
    workspace_id BIGINT NOT NULL,
    article_id BIGINT NOT NULL,
    version_id BIGINT NOT NULL,
    position INTEGER NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    ts_config REGCONFIG NOT NULL,
    tsv TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector(ts_config, heading), 'A') || setweight(to_tsvector(ts_config, body), 'B')
    ) STORED NOT NULL,
    use_vec vector(512) NOT NULL,
    e5_vec vector(384) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT kb_passages_position UNIQUE (version_id, position),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    FOREIGN KEY (article_id) REFERENCES kb_articles (id) ON DELETE CASCADE,
    FOREIGN KEY (version_id) REFERENCES kb_versions (id) ON DELETE CASCADE
);

CREATE INDEX kb_passages_workspace ON kb_passages (workspace_id);
CREATE INDEX kb_passages_tsv ON kb_passages USING gin (tsv);
-- Cosine distance, as the encoders' vectors are compared; HNSW needs no training data, unlike IVFFlat.
CREATE INDEX kb_passages_use_vec ON kb_passages USING hnsw (use_vec vector_cosine_ops);
CREATE INDEX kb_passages_e5_vec ON kb_passages USING hnsw (e5_vec vector_cosine_ops);
"""


def upgrade() -> None:
    op.get_bind().exec_driver_sql(SCHEMA)
