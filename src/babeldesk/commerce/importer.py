"""Writing checked orders into the built-in store, idempotently: an order number already in the
workspace is updated in place (its returns stay attached), never duplicated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import ColumnElement, delete, func, insert, literal_column, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.commerce.contact import phone_tail
from babeldesk.commerce.order_files import Format, read_order_file
from babeldesk.commerce.records import OrderRecord, Problem, ShipmentRecord
from babeldesk.db.commerce_tables import (
    store_line_items,
    store_orders,
    store_shipments,
    store_tracking_events,
)
from babeldesk.db.tables import workspaces

# What a re-import may change. ``region`` stays where the order was first stored (data residency), and
# the cancellation columns keep what the customer did through Babeldesk.
_UPDATED = (
    "email", "phone", "phone_tail", "status", "currency", "total", "shipping_address", "placed_at",
    "delivered_at", "refund_state", "refund_amount", "refunded_at",
)  # fmt: skip


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


async def import_order_file(
    conn: AsyncConnection, workspace_id: int, path: Path, fmt: Format | None = None
) -> ImportResult:
    """Every good order of the file, and the problems of the bad ones (``OrderFileError`` when the file
    cannot be read at all)."""
    parsed = read_order_file(path, fmt)
    result = await do_import_orders(conn, workspace_id, [record for _, record in parsed.orders])
    result.problems = parsed.problems
    return result


async def do_import_orders(
    conn: AsyncConnection, workspace_id: int, records: Sequence[OrderRecord]
) -> ImportResult:
    region = await conn.scalar(select(workspaces.c.default_region).where(workspaces.c.id == workspace_id))
    if region is None:
        raise LookupError(f"workspace {workspace_id} not found")
    result = ImportResult()
    for record in records:
        order_id, order_region, created = await _upsert_order(conn, workspace_id, region, record)
        await _replace_contents(conn, workspace_id, order_id, order_region, record)
        (result.created if created else result.updated).append(record.number)
    return result


async def _upsert_order(
    conn: AsyncConnection, workspace_id: int, region: str, record: OrderRecord
) -> tuple[int, str, bool]:
    address = record.shipping_address.model_dump() if record.shipping_address else None
    statement = pg_insert(store_orders).values(
        workspace_id=workspace_id,
        region=region,
        number=record.number,
        email=record.email,
        phone=record.phone,
        phone_tail=phone_tail(record.phone),
        status=record.status.value,
        currency=record.currency,
        total=record.total,
        shipping_address=address,
        placed_at=record.placed_at,
        delivered_at=record.delivery_time(),
        refund_state=record.refund.state.value,
        refund_amount=record.refund.amount,
        refunded_at=record.refund.at,
    )
    statement = statement.on_conflict_do_update(
        constraint="store_orders_number",
        set_={**{name: statement.excluded[name] for name in _UPDATED}, "updated_at": func.now()},
    )
    # xmax is 0 only on a row this statement inserted: how PostgreSQL tells an insert from an update.
    inserted: ColumnElement[bool] = literal_column("xmax = 0")
    row = (await conn.execute(statement.returning(store_orders.c.id, store_orders.c.region, inserted))).one()
    return int(row[0]), str(row[1]), bool(row[2])


async def _replace_contents(
    conn: AsyncConnection, workspace_id: int, order_id: int, region: str, record: OrderRecord
) -> None:
    """The file is the truth for items and parcels: what it no longer lists goes (events with it)."""
    await conn.execute(delete(store_line_items).where(store_line_items.c.order_id == order_id))
    await conn.execute(delete(store_shipments).where(store_shipments.c.order_id == order_id))
    owner = {"order_id": order_id, "workspace_id": workspace_id, "region": region}
    await conn.execute(
        insert(store_line_items),
        [{**owner, "position": i, **item.model_dump()} for i, item in enumerate(record.items)],
    )
    for shipment in record.shipments:
        await _insert_shipment(conn, owner, shipment)


async def _insert_shipment(conn: AsyncConnection, owner: dict[str, object], shipment: ShipmentRecord) -> None:
    values = shipment.model_dump(exclude={"events"})
    shipment_id = await conn.scalar(
        insert(store_shipments).values(**owner, **values).returning(store_shipments.c.id)
    )
    if shipment.events:
        event_owner = {
            "shipment_id": shipment_id,
            "workspace_id": owner["workspace_id"],
            "region": owner["region"],
        }
        await conn.execute(
            insert(store_tracking_events),
            [{**event_owner, **event.model_dump()} for event in shipment.events],
        )
