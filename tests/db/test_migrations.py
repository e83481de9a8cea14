"""The migrations build exactly the schema the code describes."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from babeldesk.db.migrate import upgrade
from babeldesk.db.tables import metadata
from babeldesk.db.urls import libpq_url, sqlalchemy_url


def test_migrated_schema_matches_tables(database_url: str) -> None:
    upgrade(database_url)  # a second run at head changes nothing
    engine = create_engine(sqlalchemy_url(database_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _ours})
        diff = compare_metadata(context, metadata)
    engine.dispose()
    assert diff == []


def _ours(name: str | None, type_: str, _: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("procrastinate_"))


def test_urls_accept_any_postgres_spelling_and_refuse_others() -> None:
    assert libpq_url("postgresql+psycopg://u@h/db") == "postgresql://u@h/db"
    assert sqlalchemy_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    for bad in ("sqlite:///x.db", "mysql://u@h/db", "nonsense"):
        try:
            libpq_url(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad} accepted")
