"""What a message body may be."""

from __future__ import annotations

from enum import StrEnum

from babeldesk.core.errors import DomainError, ErrorCode

PREVIEW_CHARS = 140


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"
    INTERNAL = "internal"  # a note between agents; never reaches the customer


class AuthorType(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    BOT = "bot"
    SYSTEM = "system"


class DeliveryStatus(StrEnum):
    RECEIVED = "received"
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"


def check_body(body: str, max_chars: int) -> str:
    """The body as it will be stored: exactly as sent, less surrounding whitespace.

    Markup is kept verbatim; every client renders bodies as text, never as HTML.
    """
    if "\x00" in body:
        raise DomainError(ErrorCode.INVALID_VALUE, "message contains a NUL character")
    stripped = body.strip()
    if not stripped:
        raise DomainError(ErrorCode.MESSAGE_EMPTY, "message is empty")
    if len(stripped) > max_chars:
        raise DomainError(
            ErrorCode.MESSAGE_TOO_LONG,
            f"message is {len(stripped)} characters; the limit is {max_chars}",
        )
    return stripped


def preview(body: str) -> str:
    """One line for the inbox list."""
    line = " ".join(body.split())
    return line if len(line) <= PREVIEW_CHARS else line[: PREVIEW_CHARS - 1] + "…"
