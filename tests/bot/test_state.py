"""The dialogue state survives JSON, and any older or damaged shape loads without losing a conversation."""

from __future__ import annotations

import json
from typing import Any

from babeldesk.bot.state import VERSION, BotState


def test_round_trip() -> None:
    state = BotState(
        flow="address",
        step="address",
        intent="change_address",
        order="1002",
        orders=["1001", "1002"],
        verified=["1002"],
        verified_contacts=["ana@example.com"],
        failed_verifications=1,
        pending="address",
        address_draft={"name": "Ana", "line1": "Calle Mayor 10"},
        callback_slots=["2025-03-11T09:00:00+00:00"],
        tried=["order_status"],
        languages=["en", "es"],
        language="es",
        misses=1,
    )
    assert BotState.from_json(state.to_json()) == state
    assert json.loads(state.to_json())["version"] == VERSION


def test_nothing_stored_is_a_fresh_state() -> None:
    nothing: tuple[str | bytes | dict[str, Any] | None, ...] = (
        None,
        "",
        b"",
        "not json",
        "[1, 2]",
        "null",
        {},
    )
    for raw in nothing:
        assert BotState.from_json(raw) == BotState()


def test_older_and_damaged_shapes_keep_what_fits() -> None:
    raw = {
        "flow": "cancel",
        "order": "1001",
        "orders": ["1001", 1002],
        "verified": "1001",
        "misses": -3,
        "handed_off": "yes",
        "failed_verifications": 2,
        "address_draft": {"name": 7},
        "pending": None,
        "retired_field": {"anything": True},
        "version": 0,
    }
    state = BotState.from_json(json.dumps(raw))
    assert (state.flow, state.order, state.failed_verifications) == ("cancel", "1001", 2)
    assert state.orders == [] and state.verified == [] and state.misses == 0
    assert state.handed_off is False and state.address_draft is None
    assert state.version == VERSION


def test_loading_does_not_share_lists_with_the_input() -> None:
    raw = {"orders": ["1001"]}
    state = BotState.from_json(raw)
    state.orders.append("1002")
    assert raw == {"orders": ["1001"]}


def test_a_finished_flow_forgets_its_drafts_but_not_the_verification() -> None:
    state = BotState(
        flow="returns",
        step="photo",
        order="1003",
        verified=["1003"],
        return_reason="defective",
        photo_received=True,
        pending="return",
        misses=1,
    )
    state.end_flow()
    assert (state.flow, state.step, state.pending, state.return_reason, state.misses) == (
        None,
        None,
        None,
        None,
        0,
    )
    assert state.order == "1003" and state.verified == ["1003"]
