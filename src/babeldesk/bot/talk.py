"""One turn of the bot at work: the state it changes, what it says, what it does, whether it hands off.

Flows receive a ``Talk`` and use its few verbs (``say``, ``ask``, ``reask``, ``finish``, ``hand_off``,
``act``); the manager turns it into an ``Outcome`` at the end of the turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babeldesk.bot import slots
from babeldesk.bot.context import Action, BotContext, HandoffReason, Turn
from babeldesk.bot.lexicon import Table
from babeldesk.bot.state import BotState
from babeldesk.replies.library import render

# Two turns in a row without what the bot asked for, and a person takes over.
MAX_MISSES = 2


@dataclass(frozen=True)
class HandoffRequest:
    reason: HandoffReason
    announced: bool  # the flow already told the customer a colleague takes over


@dataclass
class Talk:
    state: BotState
    turn: Turn
    ctx: BotContext
    language: str
    awaiting: str | None  # the step the bot waited for when this turn arrived
    pending: str | None  # the yes/no question open when this turn arrived
    replies: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    handoff: HandoffRequest | None = None
    declined: bool = False  # this turn said no to the bot's yes/no question

    @property
    def text(self) -> str:
        return self.turn.text

    def render(self, key: str, **params: object) -> str:
        return render(key, self.language, **params)

    def say(self, key: str, **params: object) -> None:
        self.replies.append(self.render(key, **params))
        self.keys.append(key)

    def ask(self, key: str, step: str, **params: object) -> None:
        """Ask for what the flow needs next; a repeated question counts as a miss."""
        if self.awaiting == step and self.state.step == step:
            self.reask(key, **params)
            return
        self.state.step = step
        self.say(key, **params)

    def reask(self, key: str, **params: object) -> None:
        """The customer did not give what was asked: ask once more, then hand off."""
        self.state.misses += 1
        if self.state.misses >= MAX_MISSES:
            self.hand_off(HandoffReason.UNSURE)
            return
        self.say(key, **params)

    def confirm(self, key: str, pending: str, **params: object) -> None:
        self.state.pending = pending
        self.state.step = None
        self.say(key, **params)

    def progressed(self) -> None:
        self.state.misses = 0

    def _answer(self) -> bool | None:
        answer = slots.yes_no(self.text, self.language)
        if self.pending in ("return", "cancel") and slots.keeps_item(self.text, self.language):
            # "I pay the postage, ya? Then I'll keep them", "ok, merci. Finalement non, je la garde":
            # no to the return or the cancellation, whatever else
            answer = False
        if answer is None and self.pending == "cancel":
            answer = slots.asks_again(self.text, Table.CANCEL, self.language) or None
        return answer

    def asked_back(self) -> bool:
        """Neither yes nor no to a pending confirmation but a question ("is the return postage
        free?", "so it isn't cancelled yet?"): the flow answers it by asking again, which is no miss."""
        return self._answer() is None and slots.asks(self.text, self.language)

    def yes_or_no(self) -> bool | None:
        """The customer's answer to a pending confirmation; anything else is asked again (None)."""
        answer = self._answer()
        if answer is None:
            self.reask("confirm_yes_no")
        else:
            self.progressed()
            self.declined = not answer
        return answer

    def finish(self) -> None:
        """The request is answered: remember it for the agent, and offer more help."""
        if self.state.intent:
            self.state.remember(self.state.intent)
        self.state.end_flow()
        self.state.pending = "anything_else"
        self.say("anything_else")

    def hand_off(self, reason: HandoffReason, *, announced: bool = False) -> None:
        if self.state.intent:
            self.state.remember(self.state.intent)
        if self.handoff is None:
            self.handoff = HandoffRequest(reason, announced)

    def act(self, name: str, order: str | None = None, **detail: str) -> None:
        self.actions.append(Action(name, order, tuple(sorted(detail.items()))))
        self.state.remember(name)
