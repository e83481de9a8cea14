"""How sure the understanding is of a message's anger (0..1), beside the flag.

The flag raises the alert; the bot stops answering only when anger is clearer than that (see
``bot/manager.py``), and the bot's turn reads the message as stored.

Revision ID: 0008
Revises: 0007

Frozen: later changes go in new revisions.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SCHEMA = """
ALTER TABLE messages ADD COLUMN anger REAL DEFAULT 0 NOT NULL;
"""


def upgrade() -> None:
    op.get_bind().exec_driver_sql(SCHEMA)
