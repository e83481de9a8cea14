"""The tables, as SQLAlchemy Core metadata. Migrations in ``migrations/versions`` create them.

Every table holding customer data has a ``region`` column: the data-residency key that decides
which database a row belongs in.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, REAL

metadata = MetaData()


def _id() -> Column[int]:
    return Column("id", BigInteger, primary_key=True, autoincrement=True)


def _created() -> Column[object]:
    return Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now())


workspaces = Table(
    "workspaces",
    metadata,
    _id(),
    Column("slug", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    # Public: embedded in the shop's page to open widget sessions.
    Column("widget_key", Text, nullable=False, unique=True),
    Column("default_region", Text, nullable=False, server_default="default"),
    Column("settings", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    _created(),
)

teams = Table(
    "teams",
    metadata,
    _id(),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    _created(),
    UniqueConstraint("workspace_id", "name"),
)

agents = Table(
    "agents",
    metadata,
    _id(),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("email", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("password_hash", Text, nullable=True),
    Column("role", Text, nullable=False, server_default="agent"),
    Column("timezone", Text, nullable=False, server_default="UTC"),
    Column("tier", Integer, nullable=False, server_default="1"),
    # [{"code": "zh", "read": true, "write": true, "proficiency": "native"}]
    Column("languages", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("is_active", Boolean, nullable=False, server_default=text("true")),
    _created(),
    CheckConstraint("role IN ('admin', 'supervisor', 'agent')", name="agents_role"),
)

agent_teams = Table(
    "agent_teams",
    metadata,
    Column("agent_id", BigInteger, ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True),
    Column("team_id", BigInteger, ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    _id(),
    Column("agent_id", BigInteger, ForeignKey("agents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    # Only a SHA-256 of the token is stored; the prefix lets a person recognise it in a list.
    Column("token_hash", Text, nullable=False, unique=True),
    Column("prefix", Text, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    _created(),
    CheckConstraint("kind IN ('session', 'personal')", name="api_tokens_kind"),
)

customers = Table(
    "customers",
    metadata,
    _id(),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("region", Text, nullable=False),
    Column("name", Text, nullable=True),
    Column("email", Text, nullable=True),
    Column("phone", Text, nullable=True),
    Column("preferred_language", Text, nullable=True),
    Column("country", Text, nullable=True),
    Column("timezone", Text, nullable=True),
    _created(),
    Index("customers_workspace_email", "workspace_id", "email"),
)

contact_identities = Table(
    "contact_identities",
    metadata,
    _id(),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("region", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("external_id", Text, nullable=False),
    _created(),
    UniqueConstraint("workspace_id", "channel", "external_id"),
)

conversations = Table(
    "conversations",
    metadata,
    _id(),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("region", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("status", Text, nullable=False, server_default="open"),
    Column("priority", Text, nullable=False, server_default="normal"),
    Column("assignee_id", BigInteger, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True),
    Column("team_id", BigInteger, ForeignKey("teams.id", ondelete="SET NULL"), nullable=True),
    Column("tier", Integer, nullable=False, server_default="1"),
    Column("language", Text, nullable=True),
    Column("language_locked", Boolean, nullable=False, server_default=text("false")),
    Column("subject", Text, nullable=True),
    Column("snoozed_until", DateTime(timezone=True), nullable=True),
    Column("last_message_at", DateTime(timezone=True), nullable=True),
    Column("last_message_preview", Text, nullable=True),
    Column("waiting_since", DateTime(timezone=True), nullable=True),
    Column("resolved_at", DateTime(timezone=True), nullable=True),
    _created(),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # Who answers the customer now: the bot until it hands off, then people until handed back.
    Column("handled_by", Text, nullable=False, server_default="bot"),
    # {"dialogue": <bot/state.py's state>, "answered_up_to": <the last customer message answered>}
    Column("bot_state", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # Why the console should look now ("angry", "negative"); cleared by an agent or a hand-back.
    Column("alert", Text, nullable=True),
    Column("handed_off_at", DateTime(timezone=True), nullable=True),
    CheckConstraint("status IN ('open', 'pending', 'snoozed', 'resolved')", name="conversations_status"),
    CheckConstraint("priority IN ('low', 'normal', 'high', 'urgent')", name="conversations_priority"),
    CheckConstraint("handled_by IN ('bot', 'human')", name="conversations_handled_by"),
    CheckConstraint("alert IN ('angry', 'negative')", name="conversations_alert"),
    Index("conversations_inbox", "workspace_id", "status", "last_message_at"),
    Index("conversations_assignee", "assignee_id", "status"),
    Index("conversations_customer", "customer_id"),
)

messages = Table(
    "messages",
    metadata,
    _id(),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("conversation_id", BigInteger, ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False),
    Column("region", Text, nullable=False),
    Column("direction", Text, nullable=False),
    Column("author_type", Text, nullable=False),
    Column("author_agent_id", BigInteger, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True),
    Column("body", Text, nullable=False),
    Column("language", Text, nullable=True),
    Column("language_confidence", REAL, nullable=True),
    Column("language_mixed", Boolean, nullable=False, server_default=text("false")),
    # [{"start": 0, "end": 12, "language": "es"}] for mixed-language messages
    Column("language_spans", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    # {"en": {"text": "...", "engine": "...", "at": "..."}}
    Column("translations", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("translation_state", Text, nullable=True),
    # An agent's reply sent translated: what they wrote, and in which language; ``body`` is what
    # the customer received.
    Column("original_body", Text, nullable=True),
    Column("original_language", Text, nullable=True),
    # The customer was shown a "machine translated" mark with this message (a workspace choice).
    Column("machine_translated", Boolean, nullable=False, server_default=text("false")),
    Column("delivery_status", Text, nullable=False),
    # Idempotency keys: a provider's message id, or the id a client gave a message before sending.
    Column("external_id", Text, nullable=True),
    Column("client_id", Text, nullable=True),
    _created(),
    # What the understanding model made of a customer's message (nlu/understanding.py); NULL
    # intent means not understood yet.
    Column("intent", Text, nullable=True),
    Column("intent_confidence", REAL, nullable=True),
    Column("sentiment", Text, nullable=True),
    Column("sentiment_score", REAL, nullable=True),
    Column("angry", Boolean, nullable=False, server_default=text("false")),
    Column("anger", REAL, nullable=False, server_default=text("0")),  # how sure of the anger, 0..1
    Column("urgent", Boolean, nullable=False, server_default=text("false")),
    CheckConstraint("direction IN ('inbound', 'outbound', 'internal')", name="messages_direction"),
    CheckConstraint("sentiment IN ('negative', 'neutral', 'positive')", name="messages_sentiment"),
    CheckConstraint("author_type IN ('customer', 'agent', 'bot', 'system')", name="messages_author_type"),
    CheckConstraint(
        "delivery_status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')",
        name="messages_delivery_status",
    ),
    CheckConstraint(
        "translation_state IN ('pending', 'translated', 'not_translated', 'no_engine', 'not_needed')",
        name="messages_translation_state",
    ),
    UniqueConstraint("conversation_id", "client_id", name="messages_client_id"),
    Index("messages_conversation", "conversation_id", "id"),
    Index(
        "messages_external_id",
        "workspace_id",
        "external_id",
        unique=True,
        postgresql_where=text("external_id IS NOT NULL"),
    ),
)

webhook_endpoints = Table(
    "webhook_endpoints",
    metadata,
    _id(),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("secret", Text, nullable=False),
    Column("events", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
    Column("is_active", Boolean, nullable=False, server_default=text("true")),
    _created(),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    _id(),
    Column("endpoint_id", BigInteger, ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), nullable=False),
    Column("event_id", Text, nullable=False),
    Column("event_type", Text, nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("status", Text, nullable=False, server_default="pending"),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("last_error", Text, nullable=True),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    _created(),
    UniqueConstraint("endpoint_id", "event_id"),
    CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="webhook_deliveries_status"),
)

audit_log = Table(
    "audit_log",
    metadata,
    _id(),
    Column("workspace_id", BigInteger, ForeignKey("workspaces.id", ondelete="CASCADE"), nullable=False),
    Column("actor_agent_id", BigInteger, ForeignKey("agents.id", ondelete="SET NULL"), nullable=True),
    Column("action", Text, nullable=False),
    Column("target_type", Text, nullable=False),
    Column("target_id", BigInteger, nullable=True),
    Column("data", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("audit_log_workspace_at", "workspace_id", "at"),
)


# Tables of other capabilities join the same metadata, so migrations and checks see them all.
import babeldesk.db.bot_tables  # noqa: E402
import babeldesk.db.commerce_tables  # noqa: E402
import babeldesk.db.kb_tables  # noqa: E402
import babeldesk.db.translation_tables  # noqa: E402, F401
