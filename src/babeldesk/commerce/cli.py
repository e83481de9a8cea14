"""``babeldesk store import FILE``: load a shop's orders into the built-in store."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babeldesk.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncConnection

    from babeldesk.commerce.importer import ImportResult
    from babeldesk.commerce.order_files import Format

IMPORT_HELP = """JSON: an array of orders with nested items, shipments (with tracking events), refund and
shipping_address. CSV: one row per line item, the order's columns repeated on each of its rows:
order_number, email, phone, status, currency, total, placed_at, delivered_at, ship_name, ship_line1,
ship_line2, ship_city, ship_region, ship_postal_code, ship_country, ship_phone, refund_state,
refund_amount, refunded_at; sku, title, quantity, unit_price; carrier, tracking_number, shipment_state,
shipped_at, estimated_delivery, shipment_delivered_at, tracking_url. Importing again updates orders by
number. Bad orders are reported with their line and skipped; the others are imported (exit status 1)."""


def add_store_command(commands: Any) -> None:
    """Register ``store`` and its subcommands on the ``babeldesk`` command's subparsers."""
    store = commands.add_parser("store", help="the built-in store (orders the bot answers about)")
    actions = store.add_subparsers(dest="store_action", required=True, metavar="ACTION")
    load = actions.add_parser("import", help="import orders from a CSV or JSON file", description=IMPORT_HELP)
    load.add_argument("file", type=Path, metavar="FILE")
    load.add_argument("--workspace", help="the workspace's slug (needed when there are several)")
    load.add_argument("--format", choices=("csv", "json"), help="default: from the file's extension")


def cmd_store(settings: Settings, args: argparse.Namespace) -> int:
    # Here, not at the top: every ``babeldesk`` command registers this one, and the database stack
    # takes about a second to import.
    from babeldesk.commerce.order_files import OrderFileError
    from babeldesk.db.engine import resolve_database_url
    from babeldesk.db.migrate import upgrade

    url = resolve_database_url(settings)
    upgrade(url)
    try:
        result = asyncio.run(_import(url, args.workspace, args.file, args.format))
    except (LookupError, OrderFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(
        f"orders: {len(result.created)} new, {len(result.updated)} updated, {len(result.problems)} problem(s)"
    )
    return 1 if result.problems else 0


async def _import(url: str, slug: str | None, path: Path, fmt: Format | None) -> ImportResult:
    from babeldesk.commerce.importer import import_order_file
    from babeldesk.db.engine import Database

    db = Database(url, pool_size=1)
    try:
        async with db.transaction() as conn:
            workspace_id = await _workspace_id(conn, slug)
            return await import_order_file(conn, workspace_id, path, fmt)
    finally:
        await db.dispose()


async def _workspace_id(conn: AsyncConnection, slug: str | None) -> int:
    from sqlalchemy import select

    from babeldesk.db.tables import workspaces

    rows = (await conn.execute(select(workspaces.c.id, workspaces.c.slug).order_by(workspaces.c.id))).all()
    if slug is not None:
        for row in rows:
            if row.slug == slug:
                return int(row.id)
        raise LookupError(f"no workspace {slug!r}; there are: {', '.join(r.slug for r in rows) or 'none'}")
    if len(rows) == 1:
        return int(rows[0].id)
    if not rows:
        raise LookupError("there is no workspace yet: run `babeldesk demo` or create one first")
    raise LookupError(f"several workspaces; choose one with --workspace ({', '.join(r.slug for r in rows)})")
