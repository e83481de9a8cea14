"""The bot: dialogue state per conversation, understanding of each message, hand-offs.

Revision ID: 0007
Revises: 0006

Frozen: later changes go in new revisions.
"""

from alembic import op

# Puts the tables on the shared metadata in any process that migrates, so schema checks see them.
import babeldesk.db.bot_tables  # noqa: F401

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SCHEMA = """
ALTER TABLE messages
    ADD COLUMN intent TEXT,
    ADD COLUMN intent_confidence REAL,
    ADD COLUMN sentiment TEXT,
    ADD COLUMN sentiment_score REAL,
    ADD COLUMN angry BOOLEAN DEFAULT false NOT NULL,
    ADD COLUMN urgent BOOLEAN DEFAULT false NOT NULL,
    ADD CONSTRAINT messages_sentiment CHECK (sentiment IN ('negative', 'neutral', 'positive'));

-- Conversations that exist before the bot stay with the people handling them; new ones start with
-- the bot.
ALTER TABLE conversations
    ADD COLUMN handled_by TEXT DEFAULT 'human' NOT NULL,
    ADD COLUMN bot_state JSONB DEFAULT '{}'::jsonb NOT NULL,
    ADD COLUMN alert TEXT,
    ADD COLUMN handed_off_at TIMESTAMP WITH TIME ZONE,
    ADD CONSTRAINT conversations_handled_by CHECK (handled_by IN ('bot', 'human')),
    ADD CONSTRAINT conversations_alert CHECK (alert IN ('angry', 'negative'));
ALTER TABLE conversations ALTER COLUMN handled_by SET DEFAULT 'bot';

-- Workspaces that exist before the bot keep working as they did until an admin turns it on; a
-- workspace without the setting (every new one) has the bot on.
UPDATE workspaces
   SET settings = jsonb_set(
           settings, '{bot}', COALESCE(settings->'bot', '{}'::jsonb) || '{"enabled": false}'::jsonb)
 WHERE NOT (COALESCE(settings->'bot', '{}'::jsonb) ? 'enabled');

CREATE TABLE agent_shifts (
    id BIGSERIAL NOT NULL,
    agent_id BIGINT NOT NULL,
    weekday SMALLINT NOT NULL,
    starts TIME WITHOUT TIME ZONE NOT NULL,
    ends TIME WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT agent_shifts_weekday CHECK (weekday BETWEEN 0 AND 6),
    FOREIGN KEY (agent_id) REFERENCES agents (id) ON DELETE CASCADE
);

CREATE INDEX agent_shifts_agent ON agent_shifts (agent_id);

CREATE TABLE callbacks (
    id BIGSERIAL NOT NULL,
    workspace_id BIGINT NOT NULL,
    customer_id BIGINT NOT NULL,
    conversation_id BIGINT NOT NULL,
    region TEXT NOT NULL,
    scheduled_for TIMESTAMP WITH TIME ZONE NOT NULL,
    phone TEXT NOT NULL,
    timezone TEXT,
    note TEXT DEFAULT '' NOT NULL,
    status TEXT DEFAULT 'scheduled' NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT callbacks_status CHECK (status IN ('scheduled', 'done', 'missed', 'cancelled')),
    FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE,
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
    FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE
);

CREATE INDEX callbacks_due ON callbacks (workspace_id, status, scheduled_for);
CREATE INDEX callbacks_customer ON callbacks (customer_id);
"""


def upgrade() -> None:
    op.get_bind().exec_driver_sql(SCHEMA)
