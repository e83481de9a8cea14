"""The built-in store and carrier: orders a shop imported into our PostgreSQL (``babeldesk store import``).

Changes run in one transaction each, with the order row locked, so two conversations acting on one
order at once (a cancel and an address change) see each other's result, never a stale one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from babeldesk.commerce.builtin_load import load_orders, tracking_event
from babeldesk.commerce.contact import (
    contact_matches,
    normalize_email,
    normalize_number,
    phone_digits,
    phone_tail,
)
from babeldesk.commerce.models import (
    Address,
    Order,
    OrderStatus,
    RefundState,
    ReturnReason,
    ReturnRequest,
    TrackingEvent,
)
from babeldesk.commerce.rules import check_not_shipped, check_return
from babeldesk.commerce.store import NotAllowed, OrderNotFound
from babeldesk.db.commerce_tables import store_orders, store_returns, store_shipments, store_tracking_events
from babeldesk.db.engine import Database

# A customer with more orders than this is asked for a number; the newest are the ones they ask about.
MAX_CONTACT_ORDERS = 20
# Fewer digits than this could be any number in a message ("2 items", "order 15").
MIN_ORDER_DIGITS = 3


class BuiltinStore:
    def __init__(self, db: Database, workspace_id: int) -> None:
        self._db = db
        self._workspace_id = workspace_id

    async def find_order(self, number: str) -> Order | None:
        async with self._db.transaction() as conn:
            found = await self._load(conn, number)
        return found[1] if found else None

    async def orders_for_contact(self, *, email: str = "", phone: str = "") -> Sequence[Order]:
        email, tail = normalize_email(email), phone_tail(phone)
        keys = [store_orders.c.email == email] if email else []
        keys += [store_orders.c.phone_tail == tail] if tail else []
        if not keys:
            return []
        async with self._db.transaction() as conn:
            found = await load_orders(
                conn, store_orders.c.workspace_id == self._workspace_id, or_(*keys), limit=MAX_CONTACT_ORDERS
            )
        given = [value for value in (email, phone) if value]
        return [order for _, order in found if any(contact_matches(order, value) for value in given)]

    async def cancel_order(self, number: str, *, reason: str) -> Order:
        async with self._db.transaction() as conn:
            order_id, order = await self._locked(conn, number)
            check_not_shipped(order, "cancelled")
            changes: dict[str, object] = {"status": OrderStatus.CANCELLED.value, "cancel_reason": reason}
            if order.status is OrderStatus.PAID and order.refund.state is RefundState.NONE:
                # The customer paid for goods they will not get: the shop owes the total back, and its
                # staff sees the refund waiting in the order.
                changes |= {"refund_state": RefundState.REQUESTED.value, "refund_amount": order.total}
            await _update(conn, order_id, cancelled_at=func.now(), **changes)
            return await self._reload(conn, order_id)

    async def change_shipping_address(self, number: str, address: Address) -> Order:
        async with self._db.transaction() as conn:
            order_id, order = await self._locked(conn, number)
            check_not_shipped(order, "sent elsewhere")
            await _update(conn, order_id, shipping_address=asdict(address))
            return await self._reload(conn, order_id)

    async def create_return(
        self, number: str, *, reason: ReturnReason, skus: Sequence[str], resolution: str, note: str
    ) -> ReturnRequest:
        """A return for ``skus`` (every item when empty). The return window is the bot policy's to
        judge; the store only refuses what cannot be true: undelivered orders, items not in the order,
        items already on their way back."""
        async with self._db.transaction() as conn:
            order_id, order = await self._locked(conn, number)
            if order.status is not OrderStatus.DELIVERED:
                raise NotAllowed(
                    f"order {order.number} is {order.status.value}; only delivered orders can be returned"
                )
            wanted = check_return(order, skus, resolution)
            returning = await _returning(conn, order_id)
            for sku in wanted:
                if sku in returning:
                    raise NotAllowed(
                        f"{sku} from order {order.number} is already being returned ({returning[sku]})"
                    )
            reference = await self._insert_return(conn, order_id, order, reason, wanted, resolution, note)
        return ReturnRequest(order.number, reason, reference, wanted, resolution)

    async def aclose(self) -> None:
        """Nothing to release: the database handle belongs to the caller."""

    async def _insert_return(
        self,
        conn: AsyncConnection,
        order_id: int,
        order: Order,
        reason: ReturnReason,
        skus: tuple[str, ...],
        resolution: str,
        note: str,
    ) -> str:
        """The new return's reference: R, the order number, and the return's rank within the order."""
        count = await conn.scalar(select(func.count()).where(store_returns.c.order_id == order_id))
        reference = f"R{order.number}-{int(count or 0) + 1}"
        region = await conn.scalar(select(store_orders.c.region).where(store_orders.c.id == order_id))
        values = {"reason": reason.value, "skus": list(skus), "resolution": resolution, "note": note}
        await conn.execute(
            insert(store_returns).values(
                order_id=order_id,
                workspace_id=self._workspace_id,
                region=region,
                reference=reference,
                **values,
            )
        )
        return reference

    async def _load(
        self, conn: AsyncConnection, number: str, *, lock: bool = False
    ) -> tuple[int, Order] | None:
        mine = store_orders.c.workspace_id == self._workspace_id
        found = await self._where(conn, mine, store_orders.c.number == normalize_number(number), lock=lock)
        if not found and (key := await self._by_digits(conn, number)) is not None:
            found = await self._where(conn, mine, key, lock=lock)
        return found[0] if found else None

    @staticmethod
    async def _where(
        conn: AsyncConnection, *conditions: ColumnElement[bool], lock: bool
    ) -> list[tuple[int, Order]]:
        if lock:
            await conn.execute(select(store_orders.c.id).where(*conditions).with_for_update())
        return await load_orders(conn, *conditions)

    async def _by_digits(self, conn: AsyncConnection, number: str) -> ColumnElement[bool] | None:
        """ "bd2047" or "2047" for the shop's "BD-2047": the one order whose number has those digits
        and no others; two such orders and neither is meant (the bot asks again)."""
        digits = phone_digits(number)
        if len(digits) < MIN_ORDER_DIGITS:
            return None
        stored = func.regexp_replace(store_orders.c.number, "[^0-9]", "", "g")
        query = select(store_orders.c.id).where(
            store_orders.c.workspace_id == self._workspace_id, stored == digits
        )
        ids = (await conn.execute(query.limit(2))).scalars().all()
        return store_orders.c.id == ids[0] if len(ids) == 1 else None

    async def _locked(self, conn: AsyncConnection, number: str) -> tuple[int, Order]:
        found = await self._load(conn, number, lock=True)
        if found is None:
            raise OrderNotFound(f"no order {normalize_number(number)}")
        return found

    async def _reload(self, conn: AsyncConnection, order_id: int) -> Order:
        return (await load_orders(conn, store_orders.c.id == order_id))[0][1]


class BuiltinCarrier:
    """Tracking from the events the shop imported with its orders."""

    def __init__(self, db: Database, workspace_id: int) -> None:
        self._db = db
        self._workspace_id = workspace_id

    async def track(self, tracking_number: str, *, carrier: str = "") -> Sequence[TrackingEvent]:
        conditions = [
            store_shipments.c.workspace_id == self._workspace_id,
            store_shipments.c.tracking_number == tracking_number.strip(),
        ]
        if carrier:
            conditions.append(func.lower(store_shipments.c.carrier) == carrier.strip().lower())
        query = (
            select(store_tracking_events)
            .join(store_shipments, store_shipments.c.id == store_tracking_events.c.shipment_id)
            .where(*conditions)
            .order_by(store_tracking_events.c.at, store_tracking_events.c.id)
        )
        async with self._db.transaction() as conn:
            rows = (await conn.execute(query)).all()
        return [tracking_event(row) for row in rows]

    async def aclose(self) -> None:
        """Nothing to release: the database handle belongs to the caller."""


async def _update(conn: AsyncConnection, order_id: int, **values: object) -> None:
    await conn.execute(
        update(store_orders).where(store_orders.c.id == order_id).values(**values, updated_at=func.now())
    )


async def _returning(conn: AsyncConnection, order_id: int) -> dict[str, str]:
    """SKUs already in a return of this order, with that return's reference."""
    rows = await conn.execute(
        select(store_returns.c.reference, store_returns.c.skus).where(store_returns.c.order_id == order_id)
    )
    return {sku: row.reference for row in rows for sku in row.skus}
