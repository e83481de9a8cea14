"""The hand-off summary reads in the receiving agent's language."""

from __future__ import annotations

import json
from pathlib import Path

from babeldesk.bot.context import Handoff, HandoffReason
from babeldesk.bot.summary import summarize
from babeldesk.replies.library import LIBRARY_DIR

HANDOFF = Handoff(
    reason=HandoffReason.ANGRY,
    intent="return_defective",
    order_number="1003",
    tried=("order_status", "verify_order", "return_defective"),
    sentiment="angry",
    customer_language="ja",
)


def texts(language: str) -> dict[str, str]:
    english = json.loads(Path(LIBRARY_DIR / "en.json").read_text(encoding="utf-8"))
    path = LIBRARY_DIR / f"{language}.json"
    own = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {**english, **own}


def test_summary_in_english() -> None:
    assert summarize(HANDOFF, "en").splitlines() == [
        "Bot hand-off summary",
        "Why handed off: the customer is upset",
        "Request: return of a damaged, faulty or wrong item",
        "Order: #1003",
        "Already done: order status",
        "Customer mood: angry",
        "Customer's language: Japanese (ja)",
    ]


def test_summary_in_the_agents_language() -> None:
    german = texts("de")
    summary = summarize(HANDOFF, "de")
    assert summary.splitlines()[0] == german["summary_title"]
    for key in (
        "summary_reason",
        "reason_angry",
        "intent_return_defective",
        "sentiment_angry",
        "intent_order_status",
    ):
        assert german[key] in summary
    assert german["summary_title"] != texts("en")["summary_title"]
    # the customer's language is named in the agent's language too
    assert summary.splitlines()[-1] == f"{german['summary_language']}: Japanisch (ja)"
    assert summarize(HANDOFF, "zh-Hans").splitlines()[-1].endswith("日语 (ja)")


def test_seller_intents_and_missing_facts() -> None:
    handoff = Handoff(HandoffReason.UNSURE, "wholesale_inquiry", None, (), "neutral", "es")
    lines = summarize(handoff, "en").splitlines()
    assert "Request: wholesale_inquiry" in lines
    assert not any(line.startswith(("Order:", "Already done:")) for line in lines)
