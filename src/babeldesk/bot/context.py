"""What the bot is given and what it gives back: the interfaces between the dialogue core and the
rest of Babeldesk (the worker wires real implementations in ``bot/service.py``).

``respond(state, turn, ctx)`` reads one customer ``Turn`` with a ``BotContext`` (store, carrier,
knowledge base, staffing, policy) and returns an ``Outcome``. Knowledge and staffing are Protocols so
the core stays free of database code.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol

from babeldesk.bot.policy import Policy
from babeldesk.bot.state import BotState
from babeldesk.commerce.store import Carrier, Store
from babeldesk.nlu.understanding import Understanding

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from babeldesk.bot.phrase import Phraser

    Similarity = npt.NDArray[np.float32]


@dataclass(frozen=True)
class KbAnswer:
    """A knowledge-base answer. ``text`` is in the customer's language; when the article exists only in
    another language and no translation engine is set up, ``text`` is empty and ``only_in`` names it."""

    title: str
    text: str = ""
    only_in: str | None = None


class Knowledge(Protocol):
    async def answer(self, text: str, language: str, understanding: Understanding) -> KbAnswer | None:
        """The best answer to the customer's question, or None when nothing fits well enough."""
        ...


class Staffing(NamedTuple):
    open: bool  # someone who reads ``language`` can take the conversation now
    opens_at: datetime | None  # when the team is back (aware datetime), if closed
    typical_wait: timedelta | None  # how long a reply usually takes while open


class Availability(Protocol):
    async def status(self, language: str, now: datetime) -> Staffing: ...

    async def callback_slots(self, customer_timezone: str | None, now: datetime) -> list[datetime]:
        """Times (aware datetimes) at which an agent could call the customer back, soonest first."""
        ...

    async def book_callback(self, when: datetime, phone: str, note: str) -> None: ...


@dataclass(frozen=True)
class Contact:
    """The customer's identity as the channel vouches for it (an email's sender, a WhatsApp number),
    never what the customer typed: an order that matches it needs no further verification."""

    email: str = ""
    phone: str = ""
    timezone: str | None = None  # IANA name, e.g. "Asia/Tokyo"
    name: str = ""


@dataclass(frozen=True)
class Turn:
    text: str
    language: str | None  # the message's language as detected (BCP-47), None when undetermined
    understanding: Understanding
    contact: Contact = field(default_factory=Contact)
    images: int = 0  # pictures attached to the message (a photo of a damaged item)


# (text, language) → [(intent, probability)] of the message's sentences that ask for something.
Requests = Callable[[str, str | None], Awaitable[Sequence[tuple[str, float]]]]
# (the customer's words, other words, the customer's language) → how alike each pair is in meaning
# (rows follow the customer's words), or None when no encoder reads single words of that language.
WordsAlike = Callable[[Sequence[str], Sequence[str], str | None], Awaitable["Similarity | None"]]


@dataclass(frozen=True)
class BotContext:
    store: Store
    carrier: Carrier
    knowledge: Knowledge
    policy: Policy
    availability: Availability
    shop_name: str
    now: datetime  # aware
    confidence_threshold: float = 0.5
    hand_off_on_anger: bool = True
    phraser: Phraser | None = None
    # What each sentence of a message asks for (``nlu.sentence_requests``), read only when a turn needs
    # it: a message that declines the bot's question may ask for something else in its next sentence.
    requests: Requests | None = None
    # Single words compared across languages (``nlu.embed.words_alike``): "a caneca mais pequena" names
    # the item "Ceramic mug, small" of a shop whose titles are English.
    words_alike: WordsAlike | None = None


class HandoffReason(StrEnum):
    REQUESTED = "requested"
    ANGRY = "angry"
    UNSURE = "unsure"
    POLICY = "policy"
    FAILED = "failed"


@dataclass(frozen=True)
class Handoff:
    """Why the bot handed the conversation to a person, and the facts for the agent's summary."""

    reason: HandoffReason
    intent: str | None
    order_number: str | None
    tried: tuple[str, ...]  # actions and answers already given, e.g. "verified", "tracking_in_transit"
    sentiment: str  # a ``Sentiment`` value, or "angry"
    customer_language: str
    team_open: bool = True


@dataclass(frozen=True)
class Action:
    """Something the bot did in the store or the calendar, for the audit log."""

    name: str  # "cancel_order", "change_address", "create_return", "book_callback", "verify_order"
    order_number: str | None = None
    detail: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Outcome:
    replies: tuple[str, ...]  # rendered, in ``language``, in the order to send them
    state: BotState
    language: str
    keys: tuple[str, ...] = ()  # the reply-library keys behind ``replies``
    handoff: Handoff | None = None
    actions: tuple[Action, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join(self.replies)
