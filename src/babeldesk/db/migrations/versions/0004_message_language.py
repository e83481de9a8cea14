"""Messages learn their language and carry translations both ways.

Revision ID: 0004
Revises: 0003

Frozen: later changes go in new revisions.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        ALTER TABLE messages
            ALTER COLUMN language_confidence TYPE REAL USING NULL,
            ADD COLUMN language_mixed BOOLEAN DEFAULT false NOT NULL,
            ADD COLUMN language_spans JSONB DEFAULT '[]'::jsonb NOT NULL,
            ADD COLUMN translation_state TEXT,
            ADD COLUMN original_body TEXT,
            ADD COLUMN original_language TEXT,
            ADD COLUMN machine_translated BOOLEAN DEFAULT false NOT NULL,
            ADD CONSTRAINT messages_translation_state CHECK (translation_state IN
                ('pending', 'translated', 'not_translated', 'no_engine', 'not_needed'))
        """
    )
