"""Request and response bodies, named by role: ``*Create``, ``*Update``, ``*Public``."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from babeldesk.core.conversations import Priority, Status
from babeldesk.helpdesk.previews import TranslatedPreview
from babeldesk.helpdesk.records import Agent, Conversation, Customer, Message


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(Strict):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class LoginResponse(BaseModel):
    token: str
    agent: Agent


class ReplyTranslation(Strict):
    """The translation the agent checked (from reply-preview): what the customer will receive."""

    text: str
    language: str = Field(min_length=2, max_length=35)
    source_language: str = Field(min_length=2, max_length=35)


class MessageCreate(Strict):
    # The length limit is a workspace setting checked by the domain (413), not a schema bound.
    body: str
    client_id: str | None = Field(default=None, max_length=100)
    internal: bool = False
    translation: ReplyTranslation | None = None


class ConversationUpdate(Strict):
    status: Status | None = None
    priority: Priority | None = None
    assignee_id: int | None = None
    team_id: int | None = None
    language: str | None = Field(default=None, max_length=35)
    subject: str | None = Field(default=None, max_length=500)
    snoozed_until: datetime | None = None


class ConversationDetail(BaseModel):
    conversation: Conversation
    customer: Customer


class MessagePage(BaseModel):
    messages: list[Message]


class ConversationPage(BaseModel):
    conversations: list[Conversation]
    next_before: str | None
    # By conversation id: its last message in the languages it was translated into, when the customer's.
    preview_translations: dict[int, TranslatedPreview] = Field(default_factory=dict)


class TokenCreate(Strict):
    name: str = Field(min_length=1, max_length=100)
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)


class TokenPublic(BaseModel):
    id: int
    name: str
    prefix: str
    kind: str
    created_at: datetime | None = None
    expires_at: datetime | None
    last_used_at: datetime | None = None


class TokenCreated(TokenPublic):
    token: str


class WidgetSessionCreate(Strict):
    widget_key: str = Field(min_length=1, max_length=100)
    name: str | None = Field(default=None, max_length=200)
    email: EmailStr | None = None
    language: str | None = Field(default=None, max_length=35)
    timezone: str | None = Field(default=None, max_length=64)


class WidgetSession(BaseModel):
    token: str
    customer_id: int
    workspace_name: str


class WidgetMessageCreate(Strict):
    body: str
    client_id: str = Field(min_length=8, max_length=100)


class WidgetMessage(BaseModel):
    id: int
    direction: str
    author_type: str
    body: str
    client_id: str | None
    machine_translated: bool = False
    created_at: datetime


class WidgetMessagePage(BaseModel):
    messages: list[WidgetMessage]
    status: str | None


class WebhookCreate(Strict):
    url: str = Field(pattern=r"^https?://", max_length=2000)
    events: list[str] = Field(min_length=1)


class WebhookPublic(BaseModel):
    id: int
    url: str
    events: list[str]
    is_active: bool
    secret: str | None = None
