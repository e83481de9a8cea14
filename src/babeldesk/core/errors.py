"""Error codes, one enum for the whole product: the API turns them into HTTP statuses."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    MESSAGE_EMPTY = "message_empty"
    MESSAGE_TOO_LONG = "message_too_long"
    INVALID_TRANSITION = "invalid_transition"
    NOT_FOUND = "not_found"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_VALUE = "invalid_value"
    CONFLICT = "conflict"


class DomainError(Exception):
    """A rule of the domain refused an action; ``code`` says which, ``detail`` says it to a person."""

    def __init__(self, code: ErrorCode, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
