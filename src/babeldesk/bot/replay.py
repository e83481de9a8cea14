"""Replaying a scripted conversation against the bot and checking every turn's expectations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from babeldesk.bot.context import BotContext, Outcome, Requests, Turn, WordsAlike
from babeldesk.bot.manager import respond
from babeldesk.bot.policy import policy_from_settings
from babeldesk.bot.scripted import CHANGES, Expect, Script, ScriptedKnowledge, ScriptedTeam, Understand
from babeldesk.bot.state import BotState
from babeldesk.commerce.store import Carrier, Store
from babeldesk.core.quoting import own_words
from babeldesk.language.translate.base import base_language

SHOP_NAME = "Demo Shop"


@dataclass(frozen=True)
class TurnResult:
    index: int
    text: str
    keys: tuple[str, ...]
    replies: tuple[str, ...]
    handoff: str | None
    changes: tuple[str, ...]
    language: str
    problems: tuple[str, ...]
    wrong: bool  # said something it must not, changed what it must not, or answered in another language


@dataclass
class ScriptResult:
    script: Script
    turns: list[TurnResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(not turn.problems for turn in self.turns)

    @property
    def wrong_answers(self) -> int:
        return sum(turn.wrong for turn in self.turns)


async def replay(
    script: Script,
    store: Store,
    carrier: Carrier,
    *,
    understand: Understand | None = None,
    requests: Requests | None = None,
    words_alike: WordsAlike | None = None,
    detect_language: Callable[[str], str | None] = lambda _: None,
) -> ScriptResult:
    """Play the customer's turns in order; ``understand`` is the intent model (gold labels when None)."""
    policy = policy_from_settings(script.settings)
    knowledge, team = ScriptedKnowledge(script.kb), ScriptedTeam(script.team)
    result, state = ScriptResult(script), BotState()
    for index, scripted in enumerate(script.turns, 1):
        text = own_words(scripted.text)  # as the inbox reads an e-mail reply: without what it quotes
        language = scripted.language or detect_language(text)
        understanding = understand([text], [language])[0] if understand else scripted.gold
        ctx = BotContext(
            store, carrier, knowledge, policy, team, SHOP_NAME,
            now=script.now + timedelta(minutes=index), requests=requests, words_alike=words_alike,
        )  # fmt: skip
        turn = Turn(text, language, understanding, script.contact, scripted.images)
        outcome = await respond(state, turn, ctx)
        state = outcome.state
        result.turns.append(check(index, scripted.text, scripted.expect, outcome))
    return result


def check(index: int, text: str, expect: Expect, outcome: Outcome) -> TurnResult:
    keys = set(outcome.keys)
    changes = tuple(a.name for a in outcome.actions if a.name in CHANGES)
    reason = outcome.handoff.reason.value if outcome.handoff else None
    # "order_status|tracking_summary": either answer is right ("where is my order?").
    problems = [f"did not say {key}" for key in expect.keys if not keys & set(key.split("|"))]
    forbidden = [f"said {key}" for key in expect.forbid if key in keys]
    if reason != expect.handoff:
        problems.append(f"hand-off {reason or 'none'}, expected {expect.handoff or 'none'}")
    unexpected = [f"did {name}" for name in changes if name != expect.action]
    if expect.action and expect.action not in changes:
        problems.append(f"did not {expect.action}")
    language = []
    if expect.language and base_language(outcome.language) != base_language(expect.language):
        language.append(f"answered in {outcome.language}, expected {expect.language}")
    problems += forbidden + unexpected + language
    return TurnResult(
        index, text, outcome.keys, outcome.replies, reason, changes, outcome.language, tuple(problems),
        wrong=bool(forbidden or unexpected or language),
    )  # fmt: skip
