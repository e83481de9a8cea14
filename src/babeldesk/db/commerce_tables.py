"""The built-in store's tables: orders, their items, shipments, tracking events and returns (revision 0005).

Defined on the shared ``metadata`` so migrations and schema checks see them with the rest. Every row
belongs to one workspace and carries the order's ``region`` (orders hold names, addresses, phones).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from babeldesk.db.tables import metadata

ORDER_STATUSES = "('pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded')"
TRACKING_STATES = "('label_created', 'in_transit', 'customs', 'out_for_delivery', 'delivered', 'exception')"
REFUND_STATES = "('none', 'requested', 'processing', 'refunded', 'rejected')"


def _workspace() -> Column[int]:
    return Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False)


def _order() -> Column[int]:
    return Column("order_id", BigInteger, ForeignKey("store_orders.id", ondelete="CASCADE"), nullable=False)


store_orders = Table(
    "store_orders",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    _workspace(),
    Column("region", Text, nullable=False),
    Column("number", Text, nullable=False),  # as the customer sees it, without a leading "#"
    Column("email", Text, nullable=False),  # lower case; empty when the order has only a phone
    Column("phone", Text, nullable=False, server_default=""),
    # The phone's last nine digits: what ``contact_matches`` compares, indexed for lookups.
    Column("phone_tail", Text, nullable=False, server_default=""),
    Column("status", Text, nullable=False),
    Column("currency", Text, nullable=False),
    Column("total", Numeric, nullable=False),
    Column("shipping_address", JSONB, nullable=True),
    Column("placed_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Column("refund_state", Text, nullable=False, server_default="none"),
    Column("refund_amount", Numeric, nullable=False, server_default=text("0")),
    Column("refunded_at", DateTime(timezone=True), nullable=True),
    Column("cancelled_at", DateTime(timezone=True), nullable=True),
    Column("cancel_reason", Text, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("workspace_id", "number", name="store_orders_number"),
    CheckConstraint(f"status IN {ORDER_STATUSES}", name="store_orders_status"),
    CheckConstraint(f"refund_state IN {REFUND_STATES}", name="store_orders_refund_state"),
    CheckConstraint("total >= 0 AND refund_amount >= 0", name="store_orders_amounts"),
    Index("store_orders_email", "workspace_id", "email"),
    Index("store_orders_phone", "workspace_id", "phone_tail"),
)

store_line_items = Table(
    "store_line_items",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    _order(),
    _workspace(),
    Column("region", Text, nullable=False),
    Column("position", Integer, nullable=False),  # the order in which the shop listed the items
    Column("sku", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price", Numeric, nullable=False),
    UniqueConstraint("order_id", "position", name="store_line_items_position"),
    CheckConstraint("quantity > 0 AND unit_price >= 0", name="store_line_items_amounts"),
)

store_shipments = Table(
    "store_shipments",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    _order(),
    _workspace(),
    Column("region", Text, nullable=False),
    Column("carrier", Text, nullable=False),
    Column("tracking_number", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("shipped_at", DateTime(timezone=True), nullable=True),
    Column("estimated_delivery", DateTime(timezone=True), nullable=True),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Column("tracking_url", Text, nullable=False, server_default=""),
    UniqueConstraint("order_id", "tracking_number", name="store_shipments_tracking_number"),
    CheckConstraint(f"state IN {TRACKING_STATES}", name="store_shipments_state"),
    Index("store_shipments_lookup", "workspace_id", "tracking_number"),
)

store_tracking_events = Table(
    "store_tracking_events",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("shipment_id", BigInteger, ForeignKey("store_shipments.id", ondelete="CASCADE"), nullable=False),
    _workspace(),
    Column("region", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("state", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("location", Text, nullable=False, server_default=""),
    CheckConstraint(f"state IN {TRACKING_STATES}", name="store_tracking_events_state"),
    Index("store_tracking_events_shipment", "shipment_id", "at"),
)

store_returns = Table(
    "store_returns",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    _order(),
    _workspace(),
    Column("region", Text, nullable=False),
    Column("reference", Text, nullable=False),  # the RMA id the customer is given
    Column("reason", Text, nullable=False),
    Column("skus", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("resolution", Text, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("workspace_id", "reference", name="store_returns_reference"),
    CheckConstraint("reason IN ('defective', 'changed_mind')", name="store_returns_reason"),
    CheckConstraint("resolution IN ('refund', 'replacement')", name="store_returns_resolution"),
    Index("store_returns_order", "order_id"),
)
