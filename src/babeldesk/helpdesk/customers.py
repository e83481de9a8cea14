"""Customers and the identities they write from."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.db.tables import contact_identities, customers
from babeldesk.helpdesk.records import Customer


async def get_customer(conn: AsyncConnection, workspace_id: int, customer_id: int) -> Customer:
    row = (
        await conn.execute(
            select(customers).where(customers.c.id == customer_id, customers.c.workspace_id == workspace_id)
        )
    ).first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"customer {customer_id} not found")
    return Customer.model_validate(row)


async def do_create_customer(
    conn: AsyncConnection,
    workspace_id: int,
    *,
    region: str,
    name: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    preferred_language: str | None = None,
    country: str | None = None,
    timezone: str | None = None,
) -> Customer:
    row = (
        await conn.execute(
            insert(customers)
            .values(
                workspace_id=workspace_id,
                region=region,
                name=name,
                email=email,
                phone=phone,
                preferred_language=preferred_language,
                country=country,
                timezone=timezone,
            )
            .returning(*customers.c)
        )
    ).one()
    return Customer.model_validate(row)


async def do_attach_identity(
    conn: AsyncConnection, customer: Customer, channel: str, external_id: str
) -> None:
    """Remember that ``external_id`` on ``channel`` is this customer (idempotent)."""
    await conn.execute(
        pg_insert(contact_identities)
        .values(
            workspace_id=customer.workspace_id,
            customer_id=customer.id,
            region=customer.region,
            channel=channel,
            external_id=external_id,
        )
        .on_conflict_do_nothing(index_elements=["workspace_id", "channel", "external_id"])
    )
