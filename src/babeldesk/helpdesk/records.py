"""Rows as typed records: what actions return and what the API and events serialise."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from babeldesk.db.tables import agents


class Record(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)


class LanguageSkill(BaseModel):
    code: str
    read: bool = True
    write: bool = True
    proficiency: str = "fluent"


class Agent(Record):
    id: int
    workspace_id: int
    email: str
    name: str
    role: str
    timezone: str
    tier: int
    languages: list[LanguageSkill]
    is_active: bool


class CustomerRef(Record):
    """Enough of a customer to file their message: what a signed customer token carries."""

    workspace_id: int
    id: int
    region: str


class Customer(Record):
    id: int
    workspace_id: int
    region: str
    name: str | None
    email: str | None
    phone: str | None
    preferred_language: str | None
    country: str | None
    timezone: str | None
    created_at: datetime

    @property
    def ref(self) -> CustomerRef:
        return CustomerRef(workspace_id=self.workspace_id, id=self.id, region=self.region)


class Conversation(Record):
    id: int
    workspace_id: int
    customer_id: int
    region: str
    channel: str
    status: str
    priority: str
    assignee_id: int | None
    team_id: int | None
    tier: int
    language: str | None
    subject: str | None
    snoozed_until: datetime | None
    last_message_at: datetime | None
    last_message_preview: str | None
    waiting_since: datetime | None
    resolved_at: datetime | None
    created_at: datetime
    updated_at: datetime
    handled_by: str  # "bot" or "human"
    alert: str | None  # "angry", "negative": the console shows a banner until a person clears it
    handed_off_at: datetime | None
    customer_name: str | None = None


class Message(Record):
    id: int
    conversation_id: int
    direction: str
    author_type: str
    author_agent_id: int | None
    body: str
    language: str | None
    language_confidence: float | None
    language_mixed: bool
    language_spans: list[dict[str, Any]]
    translations: dict[str, Any]
    translation_state: str | None
    original_body: str | None
    original_language: str | None
    machine_translated: bool
    delivery_status: str
    client_id: str | None
    created_at: datetime
    # What the understanding model made of a customer's message; intent None until it ran.
    intent: str | None = None
    intent_confidence: float | None = None
    sentiment: str | None = None
    sentiment_score: float | None = None
    angry: bool = False
    anger: float = 0.0
    urgent: bool = False


# What of an agent's row may be read back: everything the record holds, never the password hash.
AGENT_COLUMNS = [c for c in agents.c if c.name in Agent.model_fields]


class Team(Record):
    id: int
    workspace_id: int
    name: str


class Workspace(Record):
    id: int
    slug: str
    name: str
    widget_key: str
    default_region: str
    settings: dict[str, Any]
