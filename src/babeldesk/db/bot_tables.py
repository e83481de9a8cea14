"""The bot's tables: agents' weekly shifts and the callbacks customers booked (revision 0007).

Defined on the shared ``metadata`` so migrations and schema checks see them with the rest. The
workspace's business hours per region live in its settings (``settings["business_hours"]``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    SmallInteger,
    Table,
    Text,
    Time,
    func,
)

from babeldesk.db.tables import metadata

# One row per weekly working interval, in the agent's own timezone (``agents.timezone``), so a
# shift stays at 9:00 local across daylight-saving changes. ``ends <= starts`` runs past midnight.
agent_shifts = Table(
    "agent_shifts",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("agent_id", BigInteger, ForeignKey("agents.id", ondelete="CASCADE"), nullable=False),
    Column("weekday", SmallInteger, nullable=False),  # 0 = Monday, as Python counts
    Column("starts", Time, nullable=False),
    Column("ends", Time, nullable=False),
    CheckConstraint("weekday BETWEEN 0 AND 6", name="agent_shifts_weekday"),
    Index("agent_shifts_agent", "agent_id"),
)

callbacks = Table(
    "callbacks",
    metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("conversation_id", BigInteger, ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False),
    Column("region", Text, nullable=False),
    Column("scheduled_for", DateTime(timezone=True), nullable=False),
    Column("phone", Text, nullable=False),
    # The customer's timezone when they booked: the agent calling says the time in it.
    Column("timezone", Text, nullable=True),
    Column("note", Text, nullable=False, server_default=""),
    Column("status", Text, nullable=False, server_default="scheduled"),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    CheckConstraint("status IN ('scheduled', 'done', 'missed', 'cancelled')", name="callbacks_status"),
    Index("callbacks_due", "workspace_id", "status", "scheduled_for"),
    Index("callbacks_customer", "customer_id"),
)
