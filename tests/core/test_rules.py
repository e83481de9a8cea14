"""Pure rules, no database."""

from __future__ import annotations

import pytest

from babeldesk.core.conversations import Status, check_status_change, status_after_customer_message
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.core.messages import check_body, preview
from babeldesk.helpdesk.auth import CustomerClaims, check_customer_token, sign_customer_token


def test_body_is_trimmed_and_kept_verbatim() -> None:
    assert check_body("  <b>hi</b>\n", 100) == "<b>hi</b>"


@pytest.mark.parametrize(
    ("body", "code"),
    [("", ErrorCode.MESSAGE_EMPTY), (" \n\t", ErrorCode.MESSAGE_EMPTY), ("a\x00b", ErrorCode.INVALID_VALUE)],
)
def test_unusable_bodies(body: str, code: ErrorCode) -> None:
    with pytest.raises(DomainError) as err:
        check_body(body, 100)
    assert err.value.code == code


def test_limit_counts_characters_not_bytes() -> None:
    assert check_body("日" * 10, 10) == "日" * 10
    with pytest.raises(DomainError) as err:
        check_body("日" * 11, 10)
    assert err.value.detail == "message is 11 characters; the limit is 10"


def test_preview_is_one_short_line() -> None:
    assert preview("a\n\nb   c") == "a b c"
    long = preview("x" * 500)
    assert len(long) == 140 and long.endswith("…")


def test_customer_writing_reopens() -> None:
    for status in Status:
        assert status_after_customer_message(status) == Status.OPEN


def test_status_change_rules() -> None:
    check_status_change(Status.OPEN, Status.RESOLVED, snooze_given=False)
    with pytest.raises(DomainError):
        check_status_change(Status.OPEN, Status.OPEN, snooze_given=False)
    with pytest.raises(DomainError):
        check_status_change(Status.OPEN, Status.SNOOZED, snooze_given=False)
    check_status_change(Status.SNOOZED, Status.SNOOZED, snooze_given=True)


def test_customer_token_round_trip_and_tampering() -> None:
    claims = CustomerClaims(workspace_id=3, customer_id=42, region="eu")
    token = sign_customer_token("k1", claims)
    assert check_customer_token("k1", token) == claims
    with pytest.raises(DomainError):
        check_customer_token("k2", token)
    for forged in (token + "x", "x" + token, token.replace(".", ""), "", "..", "a.b"):
        with pytest.raises(DomainError):
            check_customer_token("k1", forged)


def test_log_lines_lose_their_tokens() -> None:
    from babeldesk.web.logs import redact

    line = '127.0.0.1:5000 - "WebSocket /ws/widget?token=eyJ3Ijo.abc&x=1" [accepted]'
    assert redact(line) == '127.0.0.1:5000 - "WebSocket /ws/widget?token=[redacted]&x=1" [accepted]'
    assert redact("GET /api/v1/conversations?status=open") == "GET /api/v1/conversations?status=open"
