"""What the bot and the inbox learn from one customer message: intent, sentiment, anger, urgency."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from babeldesk.nlu.embed import Space, Vectors


class Sentiment(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


# The intents every workspace has; sellers add their own beside them.
INTENTS = (
    "order_status",
    "track_shipment",
    "delivery_delay",
    "return_defective",
    "return_changed_mind",
    "refund_status",
    "cancel_order",
    "change_address",
    "payment_problem",
    "invoice_request",
    "shipping_cost_and_time",
    "customs_and_duties",
    "product_question",
    "size_advice",
    "complaint",
    "request_human",
    "greeting",
    "thanks",
    "other",
)


@dataclass(frozen=True)
class Understanding:
    language: str | None
    intent: str
    confidence: float  # probability of `intent`, 0..1
    runner_up: str | None  # the second most likely intent, for clarifying questions
    sentiment: Sentiment
    sentiment_score: float  # -1 (very negative) .. 1 (very positive)
    angry: bool
    # how sure the anger is, 0..1: the model's probability, 1 where the text shouts it on its own
    anger: float
    urgent: bool
    space: Space  # the embedding space of `vector`
    vector: Vectors  # the message's sentence embedding, reused for knowledge-base retrieval
