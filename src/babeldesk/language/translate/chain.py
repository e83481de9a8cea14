"""A workspace's engines in order of preference, each with a time limit, and the glossary on top.

``TranslatorChain.translate`` never raises for an engine's failure and never waits longer than the
sum of its engines' time limits: it answers with the translations, or with "not translated" and
what each engine said.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from babeldesk.language.translate.base import (
    EngineBadResponse,
    EngineRejected,
    EngineUnavailable,
    RateLimited,
    Translator,
)
from babeldesk.language.translate.protect import Glossary, Masked, mask

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 3.0
# A Retry-After longer than this is not trusted to keep an engine out of the chain.
MAX_COOLDOWN_S = 300.0


class Status(StrEnum):
    TRANSLATED = "translated"
    NOT_TRANSLATED = "not_translated"  # every engine failed
    NO_ENGINE = "no_engine"  # the workspace has no engine configured


class FailureKind(StrEnum):
    UNAVAILABLE = "unavailable"
    RATE_LIMITED = "rate_limited"
    REJECTED = "rejected"
    BAD_RESPONSE = "bad_response"
    TIMEOUT = "timeout"
    COOLING_DOWN = "cooling_down"  # skipped: it asked us to wait after a rate limit
    ERROR = "error"  # an adapter bug; logged with its traceback


@dataclass(frozen=True)
class EngineFailure:
    engine: str
    kind: FailureKind
    message: str
    retry_after: float | None = None


@dataclass(frozen=True)
class TranslatedText:
    text: str
    engine: str
    cached: bool = False
    # Protected spans the engine lost on its first try; the text was then translated piece by piece
    # around them, so every span is in ``text`` exactly as it was in the source.
    lost_first: tuple[str, ...] = ()

    @property
    def retried(self) -> bool:
        return bool(self.lost_first)


@dataclass(frozen=True)
class TranslationResult:
    status: Status
    items: tuple[TranslatedText, ...] | None
    failures: tuple[EngineFailure, ...] = ()

    @property
    def translated(self) -> bool:
        return self.items is not None

    @property
    def texts(self) -> list[str] | None:
        return None if self.items is None else [item.text for item in self.items]

    @property
    def engine(self) -> str | None:
        """The engine that translated (several, comma-separated, when some texts came from the cache)."""
        if not self.items:
            return None
        return ", ".join(dict.fromkeys(item.engine for item in self.items))


@dataclass(frozen=True)
class EngineSlot:
    translator: Translator
    timeout_s: float = DEFAULT_TIMEOUT_S


class TranslatorChain:
    def __init__(self, engines: Sequence[EngineSlot | Translator]) -> None:
        self.slots = tuple(e if isinstance(e, EngineSlot) else EngineSlot(e) for e in engines)
        self._cooldown_until: dict[str, float] = {}

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(slot.translator.name for slot in self.slots)

    async def translate(
        self,
        texts: Sequence[str],
        *,
        source: str | None,
        target: str,
        glossary: Glossary | None = None,
    ) -> TranslationResult:
        """Translate ``texts`` with the first engine that can, glossary and protected spans enforced."""
        if not self.slots:
            return TranslationResult(Status.NO_ENGINE, None)
        masked = [mask(text, glossary, target=target) for text in texts]
        failures: list[EngineFailure] = []
        for slot in self.slots:
            name = slot.translator.name
            waiting = self._cooldown_until.get(name, 0.0) - time.monotonic()
            if waiting > 0:
                failures.append(
                    EngineFailure(name, FailureKind.COOLING_DOWN, f"rate limited; {waiting:.0f} s left")
                )
                continue
            try:
                async with asyncio.timeout(slot.timeout_s):
                    items = await translate_masked(slot.translator, masked, source=source, target=target)
            except Exception as exc:  # whatever one engine does wrong, the next one gets its turn
                failures.append(self._failure(name, exc, slot.timeout_s))
                continue
            return TranslationResult(Status.TRANSLATED, tuple(items), tuple(failures))
        return TranslationResult(Status.NOT_TRANSLATED, None, tuple(failures))

    def _failure(self, name: str, exc: Exception, timeout_s: float) -> EngineFailure:
        if isinstance(exc, TimeoutError):
            failure = EngineFailure(name, FailureKind.TIMEOUT, f"no answer within {timeout_s:g} s")
        elif isinstance(exc, RateLimited):
            failure = EngineFailure(name, FailureKind.RATE_LIMITED, exc.message, exc.retry_after)
            if exc.retry_after:
                self._cooldown_until[name] = time.monotonic() + min(exc.retry_after, MAX_COOLDOWN_S)
        elif isinstance(exc, EngineUnavailable):
            failure = EngineFailure(name, FailureKind.UNAVAILABLE, exc.message)
        elif isinstance(exc, EngineRejected):
            failure = EngineFailure(name, FailureKind.REJECTED, exc.message)
        elif isinstance(exc, EngineBadResponse):
            failure = EngineFailure(name, FailureKind.BAD_RESPONSE, exc.message)
        else:
            log.error("translation engine %s failed unexpectedly", name, exc_info=exc)
            failure = EngineFailure(name, FailureKind.ERROR, f"{type(exc).__name__}: {exc}")
        log.warning("translation engine %s: %s (%s)", name, failure.kind, failure.message)
        return failure

    async def aclose(self) -> None:
        for slot in self.slots:
            close = getattr(slot.translator, "aclose", None)
            if close is not None:
                await close()


async def translate_masked(
    engine: Translator, masked: Sequence[Masked], *, source: str | None, target: str
) -> list[TranslatedText]:
    """One engine's translations of masked texts, every protected span checked and restored.

    A text whose translation lost, duplicated or invented a placeholder is translated again piece
    by piece between its spans, so the spans never reach the engine; an engine error on either
    pass propagates (the chain then tries the next engine).
    """
    sending = [i for i, m in enumerate(masked) if m.needs_engine]
    answers = await _call(engine, [masked[i].text for i in sending], source, target)
    results: dict[int, TranslatedText] = {}
    lost: dict[int, tuple[str, ...]] = {}
    for i, answer in zip(sending, answers, strict=True):
        restored = masked[i].restore(answer)
        if restored.ok:
            results[i] = TranslatedText(restored.text, engine.name)
        else:
            lost[i] = restored.lost
    if lost:
        pieces = [piece for i in lost for piece in masked[i].pieces()]
        translated = iter(await _call(engine, pieces, source, target))
        for i, lost_spans in lost.items():
            own = [next(translated) for _ in masked[i].pieces()]
            results[i] = TranslatedText(masked[i].rebuild(own), engine.name, lost_first=lost_spans)
    return [
        results.get(i) or TranslatedText(m.rebuild([]), engine.name)  # nothing to translate but spans
        for i, m in enumerate(masked)
    ]


async def _call(engine: Translator, texts: list[str], source: str | None, target: str) -> list[str]:
    if not texts:
        return []
    answers = await engine.translate(texts, source=source, target=target)
    if len(answers) != len(texts):
        raise EngineBadResponse(engine.name, f"sent {len(texts)} texts, got {len(answers)} translations")
    return answers
