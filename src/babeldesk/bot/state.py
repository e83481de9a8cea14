"""The bot's memory of one conversation: a plain dataclass stored as JSON beside the conversation.

``from_json`` accepts any older or damaged shape: unknown keys are dropped and a missing or
mistyped field falls back to its default, so a deploy never breaks a conversation in progress.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any

VERSION = 1
# Messages of one request kept to find the items it names: a customer says it in one to three.
KEPT_REQUEST_TEXTS = 4


@dataclass
class BotState:
    flow: str | None = None  # the active flow ("cancel", "returns" …), None between requests
    step: str | None = None  # what the active flow waits for: "order", "verify", "photo", "address" …
    intent: str | None = None  # the intent that started the flow, for the hand-off summary
    order: str | None = None  # the order being talked about
    orders: list[str] = field(default_factory=list)  # every order number mentioned, oldest first
    candidates: list[str] = field(default_factory=list)  # orders offered for the customer to choose
    verified: list[str] = field(default_factory=list)  # verified for the rest of the conversation
    verified_contacts: list[str] = field(default_factory=list)  # emails/phones that verified an order
    # emails/phones the customer typed before any order asked for one ("my email first: …")
    offered_contacts: list[str] = field(default_factory=list)
    failed_verifications: int = 0
    pending: str | None = None  # a yes/no question awaiting an answer: "cancel", "return" …
    return_reason: str | None = None  # a ``ReturnReason`` value
    resolution: str | None = None  # "refund" or "replacement"
    return_skus: list[str] = field(default_factory=list)  # the items being returned, when not all
    # the request's messages (a return's, a cancel's), to find the items it names once the order may
    # be read (after verification); the last few only (``heard``)
    return_texts: list[str] = field(default_factory=list)
    photo_received: bool = False
    delivered_told: str | None = None  # the order the bot last said was delivered ("but I never got it")
    address_draft: dict[str, str] | None = None
    address_parts: list[str] = field(default_factory=list)  # an address sent in pieces, so far
    callback_phase: str | None = None  # "offered" → "phone" → "booked" → "thanked"
    callback_slots: list[str] = field(default_factory=list)  # ISO datetimes offered
    callback_choice: str | None = None
    tried: list[str] = field(default_factory=list)  # what the bot has done or said, for the agent
    languages: list[str] = field(default_factory=list)  # customer languages seen, oldest first
    language: str | None = None  # the language replies go out in
    misses: int = 0  # turns in a row the bot did not understand
    handed_off: bool = False
    wait_retold: bool = False  # "how long will that take?" after the hand-off was answered (once)
    version: int = VERSION

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str | bytes | dict[str, Any] | None) -> BotState:
        data = _load(raw)
        fresh = cls()
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name in data and _fits(data[f.name], getattr(fresh, f.name), f.name):
                values[f.name] = copy.deepcopy(data[f.name])
        values["version"] = VERSION
        return cls(**values)

    def copy(self) -> BotState:
        return BotState.from_json(dataclasses.asdict(self))

    def heard(self, text: str) -> None:
        """Keep one more message of the request under way."""
        self.return_texts = [*self.return_texts, text][-KEPT_REQUEST_TEXTS:]

    def request(self) -> str:
        """The request's kept messages as one text, a line apart."""
        return " \n ".join(self.return_texts)

    def remember(self, what: str) -> None:
        if what not in self.tried:
            self.tried.append(what)

    def end_flow(self) -> None:
        """Forget the finished request; what was verified and tried stays for the conversation."""
        self.flow = self.step = self.pending = self.return_reason = self.resolution = None
        self.photo_received = False
        self.return_skus = []
        self.return_texts = []
        self.address_draft = None
        self.address_parts = []
        self.candidates = []
        self.misses = 0


def _load(raw: str | bytes | dict[str, Any] | None) -> dict[str, Any]:
    if raw is None or raw in ("", b""):
        return {}
    if isinstance(raw, dict):
        return raw
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


_OPTIONAL_TEXT = {"flow", "step", "intent", "order", "pending", "return_reason", "resolution"}
_OPTIONAL_TEXT |= {"callback_phase", "callback_choice", "language", "delivered_told"}


def _fits(value: Any, default: Any, name: str) -> bool:
    """Whether ``value`` has the field's type (lists of text only hold text)."""
    if name in _OPTIONAL_TEXT:
        return value is None or isinstance(value, str)
    if name == "address_draft":
        return value is None or (isinstance(value, dict) and all(isinstance(v, str) for v in value.values()))
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return False
