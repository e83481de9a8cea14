"""The durable job queue's schema, as shipped by procrastinate 3.10.

Revision ID: 0002
Revises: 0001

procrastinate is pinned to 3.10.x; upgrading it means adding a revision that applies the
migrations it ships for the new version.
"""

from alembic import op
from procrastinate.schema import SchemaManager

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # psycopg reads percent signs as placeholders even with no parameters, so they are doubled.
    op.get_bind().exec_driver_sql(SchemaManager.get_schema().replace("%", "%%"))
