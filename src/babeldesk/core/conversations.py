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


class HandledBy(StrEnum):
    BOT = "bot"
    HUMAN = "human"


class Alert(StrEnum):
    """Why a conversation needs a person's eyes now; the console shows it as a banner."""

    ANGRY = "angry"
    NEGATIVE = "negative"


_PRIORITY_ORDER = (Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT)
# A customer left waiting by a broken store or an angry one goes ahead of routine questions.
# Keyed by the bot's hand-off reasons ("requested", "unsure", "policy" … stay as they are).
_HANDOFF_PRIORITY = {"angry": Priority.URGENT, "failed": Priority.HIGH}


def at_least(current: Priority, floor: Priority) -> Priority:
    """Raise to ``floor``; priority is never lowered automatically, only by a person."""
    return max(current, floor, key=_PRIORITY_ORDER.index)


def mood_alert(*, angry: bool, negative: bool) -> Alert | None:
    if angry:
        return Alert.ANGRY
    return Alert.NEGATIVE if negative else None


def priority_for_mood(current: Priority, alert: Alert | None) -> Priority:
    """Angry → urgent, negative → at least high, otherwise as it was."""
    if alert == Alert.ANGRY:
        return at_least(current, Priority.URGENT)
    if alert == Alert.NEGATIVE:
        return at_least(current, Priority.HIGH)
    return current


def stronger_alert(current: Alert | None, new: Alert | None) -> Alert | None:
    """An alert stays until a person clears it; anger outranks mere negativity."""
    if Alert.ANGRY in (current, new):
        return Alert.ANGRY
    return current or new


def priority_for_handoff(current: Priority, reason: str) -> Priority:
    return at_least(current, _HANDOFF_PRIORITY.get(reason, Priority.NORMAL))
