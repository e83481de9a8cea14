"""Conversation states and what may change them."""

from __future__ import annotations

from enum import StrEnum

from babeldesk.core.errors import DomainError, ErrorCode


class Status(StrEnum):
    OPEN = "open"
    PENDING = "pending"  # waiting on the customer
    SNOOZED = "snoozed"  # hidden until a time, or until the customer writes
    RESOLVED = "resolved"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Role(StrEnum):
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    AGENT = "agent"


class Channel(StrEnum):
    WEB = "web"
    EMAIL = "email"
    WHATSAPP = "whatsapp"
    TELEGRAM = "telegram"
    MESSENGER = "messenger"
    LINE = "line"
    SMS = "sms"
    API = "api"


def status_after_customer_message(current: Status) -> Status:
    """A customer writing again reopens whatever state the conversation was left in."""
    return Status.OPEN if current != Status.OPEN else current


def status_after_agent_reply(current: Status) -> Status:
    """Replying does not close a conversation: the agent resolves it explicitly."""
    return current


def check_status_change(current: Status, new: Status, *, snooze_given: bool) -> None:
    if new == Status.SNOOZED and not snooze_given:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "snoozing needs snoozed_until")
    if current == new and new != Status.SNOOZED:
        raise DomainError(ErrorCode.INVALID_TRANSITION, f"the conversation is {new} already")
