"""Alembic environment: one PostgreSQL URL handed in by ``babeldesk.db.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from babeldesk.db.tables import metadata
from babeldesk.db.urls import sqlalchemy_url

url = context.config.get_main_option("sqlalchemy.url")
assert url, "babeldesk.db.migrate sets the database URL"
engine = create_engine(sqlalchemy_url(url), poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
